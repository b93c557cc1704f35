import { unusedClusterName } from './cluster-names.js';
import type { Database } from './database.js';
import { nowIso, shortId } from './ids.js';
import { ACTIVE_LAB_STATES, OPEN_LAB_STATES, type Lab, type LabExam } from './schema.js';

/** clusterName is patchable: provisioning may hand the lab a pooled cluster. */
export type LabPatch = Partial<Omit<Lab, 'id' | 'learnerId' | 'scenarioId' | 'createdAt'>>;

export interface LabRepository {
  create(learnerId: string, scenarioId: string): Promise<Lab>;
  /** A mock exam's lab: provisioning at once (exams do not queue); exam.clusters is made from its cluster name. */
  createExam(learnerId: string, scenarioId: string, exam: (clusterName: string) => LabExam): Promise<Lab>;
  get(id: string): Lab | undefined;
  /** Applies a patch and bumps updatedAt; undefined when the lab does not exist. */
  update(id: string, patch: LabPatch): Promise<Lab | undefined>;
  /**
   * Applies the patch only while the lab is still in `expected` (state and cluster), checked in the same write: a
   * provisioning run that was overtaken (the lab ended, or was reset onto a new cluster) cannot overwrite what
   * replaced it. Undefined when the lab is missing or has moved on.
   */
  updateIf(
    id: string,
    expected: Pick<Lab, 'state' | 'clusterName'>,
    patch: LabPatch,
  ): Promise<Lab | undefined>;
  /** Applies a patch and gives the lab a cluster name never used before (a reset must not reuse the old name). */
  updateWithNewCluster(id: string, patch: Omit<LabPatch, 'clusterName'>): Promise<Lab | undefined>;
  list(): Lab[];
  forLearner(learnerId: string): Lab[];
  /** Labs of this learner that are queued or running. */
  openForLearner(learnerId: string): Lab[];
  /** Labs that hold a cluster slot. */
  active(): Lab[];
  /** Labs waiting for a slot, oldest first (FIFO). */
  queued(): Lab[];
}

export function createLabRepository(db: Database): LabRepository {
  const snapshot = (lab: Lab): Lab => ({
    ...lab,
    progress: lab.progress ? { ...lab.progress } : null,
    ...(lab.exam ? { exam: structuredClone(lab.exam) } : {}),
  });
  const select = (predicate: (lab: Lab) => boolean): Lab[] =>
    db.read((data) => data.labs.filter(predicate).map(snapshot));
  const insert = (
    learnerId: string,
    scenarioId: string,
    more: (clusterName: string) => Partial<Lab>,
  ): Promise<Lab> =>
    db.update((data) => {
      // the first cluster is named after the lab (easy to spot in `docker ps`) unless a pool entry has that name
      const taken = (id: string) =>
        data.labs.some((l) => l.id === id || l.clusterName === `cks-${id}`) ||
        data.pool.some((p) => p.clusterName === `cks-${id}`);
      let id = shortId();
      while (taken(id)) id = shortId();
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
        ...more(`cks-${id}`),
      };
      data.labs.push(lab);
      return snapshot(lab);
    });
  return {
    create: (learnerId, scenarioId) => insert(learnerId, scenarioId, () => ({})),
    createExam: (learnerId, scenarioId, exam) =>
      insert(learnerId, scenarioId, (clusterName) => ({
        state: 'provisioning',
        exam: exam(clusterName),
      })),
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
    updateIf: (id, expected, patch) =>
      db.update((data) => {
        const lab = data.labs.find((l) => l.id === id);
        if (lab?.state !== expected.state || lab.clusterName !== expected.clusterName) return undefined;
        Object.assign(lab, patch, { updatedAt: nowIso() });
        return snapshot(lab);
      }),
    updateWithNewCluster: (id, patch) =>
      db.update((data) => {
        const lab = data.labs.find((l) => l.id === id);
        if (!lab) return undefined;
        Object.assign(lab, patch, { clusterName: unusedClusterName(data), updatedAt: nowIso() });
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
