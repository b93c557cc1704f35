import type { Learner, Store } from '../store/index.js';
import { sessionTokenOf } from './cookies.js';

/** A valid session behind a request: its learner, and the key live sockets of this session are indexed by. */
export interface ActiveSession {
  learner: Learner;
  /** sha256 of the cookie value, as stored. */
  key: string;
  /** Epoch ms. */
  expiresAt: number;
}

/** The session behind a request's Cookie header, if valid (used by REST and the sockets). */
export function sessionFromCookieHeader(
  store: Store,
  cookieHeader: string | undefined,
  secure: boolean,
): ActiveSession | undefined {
  const token = sessionTokenOf(cookieHeader, secure);
  const found = token ? store.sessions.find(token) : undefined;
  if (!found) return undefined;
  return {
    learner: found.learner,
    key: found.session.tokenHash,
    expiresAt: Date.parse(found.session.expiresAt),
  };
}
