import { io, type Socket } from 'socket.io-client';
import {
  LAB_NAMESPACE,
  type ClientToServerEvents,
  type ConnectRefusal,
  type ServerToClientEvents,
} from '../../../server/terminal/events.js';

export type LabSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** One socket per open lab page; websocket only (the server refuses polling so the Origin check always applies). */
export function connectLab(labId: string): LabSocket {
  return io(LAB_NAMESPACE, { transports: ['websocket'], auth: { labId }, reconnectionDelayMax: 3000 });
}

/** The refusal the server attached to a connect error, when it refused (rather than was unreachable). */
export function refusalOf(error: Error): ConnectRefusal | undefined {
  const data = (error as Error & { data?: unknown }).data;
  return typeof data === 'object' && data !== null && 'status' in data ? (data as ConnectRefusal) : undefined;
}
