import type { Database } from './database.js';
import { longId, nowIso } from './ids.js';
import { newJoinCode, normalizeJoinCode } from './join-codes.js';
import { revokeLearnersIn } from './revoke.js';
import type { Learner, StoreData, Workshop } from './schema.js';

export interface ClosedWorkshop {
  workshop: Workshop;
  /** Learners who had joined with the code: revoked by the close. */
  learnerIds: string[];
  /** tokenHashes of their sessions, which the close removed. */
  endedSessions: string[];
}

export interface WorkshopRepository {
  create(input: { title: string; createdBy: string; ttlMs: number }): Promise<Workshop>;
  /** A workshop by code as typed (any case, with or without dashes), open or not. */
  find(code: string): Workshop | undefined;
  /**
   * In ONE write: when the code is open (not closed, not expired at `now`), adds a learner who joined with it.
   * Undefined when the code lets nobody in, so a join racing a close can never leave a learner behind.
   */
  join(code: string, name: string, now?: number): Promise<Learner | undefined>;
  list(): Workshop[];
  /** Closes the code and revokes every learner who joined with it, in one write; undefined for an unknown code. */
  close(code: string): Promise<ClosedWorkshop | undefined>;
}

const byCode = (data: StoreData, typed: string): Workshop | undefined => {
  const wanted = normalizeJoinCode(typed);
  return wanted ? data.workshops.find((w) => normalizeJoinCode(w.code) === wanted) : undefined;
};

export const isJoinable = (workshop: Workshop, now: number): boolean =>
  !workshop.closedAt && Date.parse(workshop.expiresAt) > now;

export function createWorkshopRepository(db: Database): WorkshopRepository {
  return {
    create: ({ title, createdBy, ttlMs }) =>
      db.update((data) => {
        let code = newJoinCode();
        while (byCode(data, code)) code = newJoinCode();
        const now = Date.now();
        const workshop: Workshop = {
          code,
          title,
          createdBy,
          createdAt: new Date(now).toISOString(),
          expiresAt: new Date(now + ttlMs).toISOString(),
        };
        data.workshops.push(workshop);
        return { ...workshop };
      }),
    find: (code) =>
      db.read((data) => {
        const workshop = byCode(data, code);
        return workshop ? { ...workshop } : undefined;
      }),
    join: (code, name, now = Date.now()) =>
      db.update((data) => {
        const workshop = byCode(data, code);
        if (!workshop || !isJoinable(workshop, now)) return undefined;
        const learner: Learner = {
          id: longId(),
          name,
          role: 'learner',
          origin: 'workshop',
          workshopCode: workshop.code,
          createdAt: nowIso(),
        };
        data.learners.push(learner);
        return { ...learner };
      }),
    list: () => db.read((data) => data.workshops.map((w) => ({ ...w }))),
    close: (code) =>
      db.update((data) => {
        const workshop = byCode(data, code);
        if (!workshop) return undefined;
        workshop.closedAt ??= nowIso();
        const learnerIds = data.learners
          .filter((l) => l.origin === 'workshop' && l.workshopCode === workshop.code)
          .map((l) => l.id);
        const endedSessions = revokeLearnersIn(data, new Set(learnerIds));
        return { workshop: { ...workshop }, learnerIds, endedSessions };
      }),
  };
}
