import type { Database } from './database.js';
import { longId, nowIso } from './ids.js';
import type { Attempt } from './schema.js';

export type NewAttempt = Omit<Attempt, 'id' | 'at'>;

export interface AttemptRepository {
  add(input: NewAttempt): Promise<Attempt>;
  /** Attempts of a lab, oldest first. */
  forLab(labId: string): Attempt[];
  latest(labId: string): Attempt | undefined;
}

export function createAttemptRepository(db: Database): AttemptRepository {
  const forLab = (labId: string): Attempt[] =>
    db.read((data) => data.attempts.filter((a) => a.labId === labId));
  return {
    add: (input) =>
      db.update((data) => {
        const attempt: Attempt = { id: longId(), at: nowIso(), ...input };
        data.attempts.push(attempt);
        return attempt;
      }),
    forLab,
    latest: (labId) => forLab(labId).at(-1),
  };
}
