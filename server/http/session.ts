import type { Learner, Store } from '../store/index.js';
import { readCookie, SESSION_COOKIE } from './cookies.js';

/** The learner behind a request's Cookie header, if the session is valid (used by REST and the socket). */
export function learnerFromCookieHeader(store: Store, cookieHeader: string | undefined): Learner | undefined {
  const token = readCookie(cookieHeader, SESSION_COOKIE);
  return token ? store.sessions.find(token)?.learner : undefined;
}
