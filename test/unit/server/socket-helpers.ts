import { io, type Socket } from 'socket.io-client';
import type {
  ClientToServerEvents,
  ServerToClientEvents,
  TerminalStatus,
} from '../../../server/terminal/events.js';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface ConnectOptions {
  cookie?: string;
  origin?: string;
  labId: string;
  transports?: ('websocket' | 'polling')[];
}

/** A socket.io client as a browser would open it (Origin and Cookie headers set explicitly here). */
export function openLabSocket(baseUrl: string, options: ConnectOptions): ClientSocket {
  const extraHeaders: Record<string, string> = {};
  if (options.cookie) extraHeaders.cookie = options.cookie;
  if (options.origin) extraHeaders.origin = options.origin;
  return io(`${baseUrl}/lab`, {
    transports: options.transports ?? ['websocket'],
    extraHeaders,
    auth: { labId: options.labId },
    reconnection: false,
    forceNew: true,
  });
}

/** Resolves on connect, or with the refusal error the server sent. */
export function connectOutcome(
  socket: ClientSocket,
): Promise<
  { connected: true } | { connected: false; error: Error & { data?: { status: number; code: string } } }
> {
  return new Promise((resolve) => {
    socket.once('connect', () => resolve({ connected: true }));
    socket.once('connect_error', (error) => resolve({ connected: false, error }));
  });
}

export function nextStatus(
  socket: ClientSocket,
  state: TerminalStatus['state'],
  timeoutMs = 5000,
): Promise<TerminalStatus> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no terminal:status ${state} within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const onStatus = (status: TerminalStatus) => {
      if (status.state !== state) return;
      clearTimeout(timer);
      socket.off('terminal:status', onStatus);
      resolve(status);
    };
    socket.on('terminal:status', onStatus);
  });
}

/** Collects terminal output into a string the test can poll. */
export function collectOutput(socket: ClientSocket, ack = true): { text: () => string; chars: () => number } {
  let text = '';
  socket.on('terminal:output', (data) => {
    text += data;
    if (ack) socket.emit('terminal:ack', data.length);
  });
  return { text: () => text, chars: () => text.length };
}
