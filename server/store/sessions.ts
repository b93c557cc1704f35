import { newToken, type Database } from './database.js';
import { nowIso } from './ids.js';
import type { Learner, Session } from './schema.js';
import { hashToken } from './tokens.js';

export interface SessionRepository {
  /** Creates a session and returns the cookie value (only its hash is stored). */
  create(learnerId: string, ttlMs: number): Promise<string>;
  /** The learner behind a cookie value, if the session exists, has not expired and the learner is not revoked. */
  find(token: string): { session: Session; learner: Learner } | undefined;
  /** Ends one session; answers its tokenHash (the key live sockets are indexed by) when it existed. */
  revoke(token: string): Promise<string | undefined>;
  pruneExpired(): Promise<number>;
}

export function createSessionRepository(db: Database): SessionRepository {
  return {
    async create(learnerId, ttlMs) {
      const token = newToken();
      await db.update((data) => {
        data.sessions.push({
          tokenHash: hashToken(token),
          learnerId,
          createdAt: nowIso(),
          expiresAt: new Date(Date.now() + ttlMs).toISOString(),
        });
      });
      return token;
    },
    find(token) {
      const tokenHash = hashToken(token);
      return db.read((data) => {
        const session = data.sessions.find((s) => s.tokenHash === tokenHash);
        if (!session || Date.parse(session.expiresAt) <= Date.now()) return undefined;
        const learner = data.learners.find((l) => l.id === session.learnerId);
        return learner && !learner.revokedAt ? { session, learner } : undefined;
      });
    },
    async revoke(token) {
      const tokenHash = hashToken(token);
      return db.update((data) => {
        const before = data.sessions.length;
        data.sessions = data.sessions.filter((s) => s.tokenHash !== tokenHash);
        return data.sessions.length < before ? tokenHash : undefined;
      });
    },
    pruneExpired: () =>
      db.update((data) => {
        const before = data.sessions.length;
        const now = Date.now();
        data.sessions = data.sessions.filter((s) => Date.parse(s.expiresAt) > now);
        return before - data.sessions.length;
      }),
  };
}
