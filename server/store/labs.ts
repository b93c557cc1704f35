import type { Database } from './database.js';
import { nowIso, shortId } from './ids.js';
import { ACTIVE_LAB_STATES, OPEN_LAB_STATES, type Lab } from './schema.js';

export type LabPatch = Partial<Omit<Lab, 'id' | 'learnerId' | 'scenarioId' | 'clusterName' | 'createdAt'>>;

export interface LabRepository {
  create(learnerId: string, scenarioId: string): Promise<Lab>;
  get(id: string): Lab | undefined;
  /** Applies a patch and bumps updatedAt; undefined when the lab does not exist. */
  update(id: string, patch: LabPatch): Promise<Lab | undefined>;
  list(): Lab[];
  forLearner(learnerId: string): Lab[];
  /** Labs of this learner that are queued or running. */
  openForLearner(learnerId: string): Lab[];
  /** Labs that hold a cluster slot. */
  active(): Lab[];
  /** Labs waiting for a slot, oldest first (FIFO). */
  queued(): Lab[];
}

/** Cluster names are cks-<lab id>; reconcile only ever deletes names of this exact shape. */
export const LAB_CLUSTER_NAME = /^cks-[a-z0-9]{8}$/;

export function createLabRepository(db: Database): LabRepository {
  const snapshot = (lab: Lab): Lab => ({ ...lab, progress: lab.progress ? { ...lab.progress } : null });
  const select = (predicate: (lab: Lab) => boolean): Lab[] =>
    db.read((data) => data.labs.filter(predicate).map(snapshot));
  return {
    create: (learnerId, scenarioId) =>
      db.update((data) => {
        let id = shortId();
        while (data.labs.some((l) => l.id === id)) id = shortId();
        const now = nowIso();
        const lab: Lab = {
          id,
          learnerId,
          scenarioId,
          clusterName: `cks-${id}`,
          state: 'requested',
          createdAt: now,
          updatedAt: now,
          lastActivityAt: now,
          progress: null,
        };
        data.labs.push(lab);
        return snapshot(lab);
      }),
    get: (id) =>
      db.read((data) => {
        const lab = data.labs.find((l) => l.id === id);
        return lab ? snapshot(lab) : undefined;
      }),
    update: (id, patch) =>
      db.update((data) => {
        const lab = data.labs.find((l) => l.id === id);
        if (!lab) return undefined;
        Object.assign(lab, patch, { updatedAt: nowIso() });
        return snapshot(lab);
      }),
    list: () => select(() => true),
    forLearner: (learnerId) => select((l) => l.learnerId === learnerId),
    openForLearner: (learnerId) =>
      select((l) => l.learnerId === learnerId && OPEN_LAB_STATES.includes(l.state)),
    active: () => select((l) => ACTIVE_LAB_STATES.includes(l.state)),
    queued: () =>
      select((l) => l.state === 'requested').sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
  };
}
