import { createHash } from 'node:crypto';
import { newToken, type Database } from './database.js';
import { nowIso } from './ids.js';
import type { Learner, Session } from './schema.js';

export interface SessionRepository {
  /** Creates a session and returns the cookie value (only its hash is stored). */
  create(learnerId: string, ttlMs: number): Promise<string>;
  /** The learner behind a cookie value, if the session exists and has not expired. */
  find(token: string): { session: Session; learner: Learner } | undefined;
  revoke(token: string): Promise<void>;
  pruneExpired(): Promise<number>;
}

const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

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
        return learner ? { session, learner } : undefined;
      });
    },
    async revoke(token) {
      const tokenHash = hashToken(token);
      await db.update((data) => {
        data.sessions = data.sessions.filter((s) => s.tokenHash !== tokenHash);
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
