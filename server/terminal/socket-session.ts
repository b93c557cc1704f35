import type { DefaultEventsMap, Socket } from 'socket.io';
import { isAllowedOrigin } from '../http/origin.js';
import { learnerFromCookieHeader } from '../http/session.js';
import type { Logger } from '../log.js';
import type { Learner, Store } from '../store/index.js';
import type { ClientToServerEvents, ConnectRefusal, ServerToClientEvents } from './events.js';

/** What a socket carries once admitted: its learner (every namespace) and, on /lab, the lab it watches. */
export interface SocketData {
  learner: Learner;
  labId: string;
}

export type CksSocket = Socket<ClientToServerEvents, ServerToClientEvents, DefaultEventsMap, SocketData>;

export interface SocketSessionOptions {
  store: Store;
  logger: Logger;
  allowedOrigins: readonly string[] | null;
}

/** An error socket.io hands to the client's connect_error, with the refusal as err.data. */
export function refusal(status: ConnectRefusal['status'], code: string, message: string): Error {
  return Object.assign(new Error(message), { data: { status, code } satisfies ConnectRefusal });
}

/**
 * The admission every namespace shares, as REST's requireSession: an allowed Origin (browsers always send one on
 * a websocket handshake) and a valid session cookie; the learner is left in socket.data.learner.
 */
export function requireSocketSession(
  options: SocketSessionOptions,
): (socket: CksSocket, next: (error?: Error) => void) => void {
  return (socket, next) => {
    const { headers } = socket.handshake;
    if (!isAllowedOrigin(headers.origin, headers.host, options.allowedOrigins)) {
      options.logger.warn(
        { origin: headers.origin, nsp: socket.nsp.name },
        'refused a socket from a foreign origin',
      );
      next(refusal(403, 'origin_refused', 'This page is not served by this cks-lab server.'));
      return;
    }
    const learner = learnerFromCookieHeader(options.store, headers.cookie);
    if (!learner) {
      next(refusal(401, 'unauthenticated', 'You are not signed in; open the URL the server printed.'));
      return;
    }
    socket.data.learner = learner;
    next();
  };
}
