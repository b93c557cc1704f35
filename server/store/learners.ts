import type { Database } from './database.js';
import { longId, nowIso } from './ids.js';
import { revokeLearnersIn } from './revoke.js';
import type { Learner } from './schema.js';

export interface NewLearner {
  name: string;
  role: Learner['role'];
  origin: Learner['origin'];
  workshopCode?: string;
}

export interface LearnerRepository {
  get(id: string): Learner | undefined;
  create(input: NewLearner): Promise<Learner>;
  /** The single learner behind the printed local or instructor URL, created on first use. */
  ensureSingleton(origin: 'local' | 'instructor'): Promise<Learner>;
  list(): Learner[];
  /** Learners who joined with this workshop code, oldest first. */
  forWorkshop(code: string): Learner[];
  /**
   * Signs a learner out for good (revokedAt, sessions removed) in one write; answers the ended sessions'
   * tokenHashes, or undefined when there is no such learner.
   */
  revoke(id: string): Promise<{ learner: Learner; endedSessions: string[] } | undefined>;
}

export function createLearnerRepository(db: Database): LearnerRepository {
  const create = (input: NewLearner): Promise<Learner> =>
    db.update((data) => {
      const learner: Learner = { id: longId(), createdAt: nowIso(), ...input };
      data.learners.push(learner);
      return learner;
    });
  return {
    get: (id) => db.read((data) => data.learners.find((l) => l.id === id)),
    list: () => db.read((data) => [...data.learners]),
    forWorkshop: (code) =>
      db.read((data) => data.learners.filter((l) => l.origin === 'workshop' && l.workshopCode === code)),
    create,
    ensureSingleton: (origin) =>
      db.update((data) => {
        const found = data.learners.find((l) => l.origin === origin);
        if (found) return found;
        const learner: Learner = {
          id: longId(),
          name: origin === 'instructor' ? 'Instructor' : 'You',
          role: origin === 'instructor' ? 'instructor' : 'learner',
          origin,
          createdAt: nowIso(),
        };
        data.learners.push(learner);
        return learner;
      }),
    revoke: (id) =>
      db.update((data) => {
        const learner = data.learners.find((l) => l.id === id);
        if (!learner) return undefined;
        const endedSessions = revokeLearnersIn(data, new Set([id]));
        return { learner: { ...learner }, endedSessions };
      }),
  };
}
