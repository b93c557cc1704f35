import type { IncomingMessage } from 'node:http';
import type { DefaultEventsMap, Socket } from 'socket.io';
import type { HostAllowList } from '../http/hosts.js';
import { isAllowedOrigin } from '../http/origin.js';
import { sessionFromCookieHeader } from '../http/session.js';
import type { SessionSockets } from '../http/session-sockets.js';
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
  /** Live sockets by session: every admitted socket is registered, so ending its session cuts it. */
  sockets: SessionSockets;
  /** Whether the handshake came over HTTPS (by the trust proxy setting): it picks the session cookie's name. */
  isSecure: (req: IncomingMessage) => boolean;
}

/** An error socket.io hands to the client's connect_error, with the refusal as err.data. */
export function refusal(status: ConnectRefusal['status'], code: string, message: string): Error {
  return Object.assign(new Error(message), { data: { status, code } satisfies ConnectRefusal });
}

/**
 * The engine.io handshake (engine.io's allowRequest): a connection is only opened for a known Host, an allowed
 * Origin (browsers always send one on a websocket handshake) and a valid session cookie. Nothing is allocated for a
 * refused client; the refusal reaches it as a failed websocket upgrade with this text as the response body.
 */
export function admitHandshake(
  options: SocketSessionOptions & { hosts: HostAllowList },
): (req: IncomingMessage, callback: (error: string | null | undefined, success: boolean) => void) => void {
  return (req, callback) => {
    const { host, origin, cookie } = req.headers;
    if (!options.hosts.allows(host)) {
      callback('unknown_host: this cks-lab server does not answer to that name', false);
      return;
    }
    if (!isAllowedOrigin(origin, host, options.allowedOrigins)) {
      options.logger.warn({ origin }, 'refused a socket handshake from a foreign origin');
      callback('origin_refused: this page is not served by this cks-lab server', false);
      return;
    }
    if (!sessionFromCookieHeader(options.store, cookie, options.isSecure(req))) {
      callback('unauthenticated: you are not signed in; open the sign-in link the server printed', false);
      return;
    }
    callback(null, true);
  };
}

/**
 * The admission every namespace shares, as REST's requireSession: an allowed Origin and a valid session cookie
 * (checked again here: a session can end between the handshake and a namespace's connect). The learner is left in
 * socket.data.learner, and the socket is registered under its session so that sign-out, revoke, a closed workshop
 * or the session's expiry disconnects it at once.
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
    const session = sessionFromCookieHeader(options.store, headers.cookie, options.isSecure(socket.request));
    if (!session) {
      next(
        refusal(401, 'unauthenticated', 'You are not signed in; open the sign-in link the server printed.'),
      );
      return;
    }
    socket.data.learner = session.learner;
    const forget = options.sockets.add(
      { key: session.key, learnerId: session.learner.id, expiresAt: session.expiresAt },
      socket,
    );
    // a later middleware may still refuse the socket (no disconnect event then): the connection closing forgets it
    socket.once('disconnect', forget);
    socket.conn.once('close', forget);
    next();
  };
}
