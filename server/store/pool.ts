import { unusedClusterName } from './cluster-names.js';
import type { Database } from './database.js';
import { nowIso } from './ids.js';
import type { Lab, PoolEntry, PoolEntryState, StoreData } from './schema.js';

export interface NewPoolEntry {
  nodes: 1 | 2;
  scenarioId?: string;
}

/** What a lab asks the pool for: its scenario (a pre-staged entry fits best) and the node count it needs. */
export interface PoolWant {
  nodes: 1 | 2;
  scenarioId: string;
}

export interface PoolClaim {
  entry: PoolEntry;
  /** The lab, now holding the entry's cluster. */
  lab: Lab;
}

export interface PoolRepository {
  /** Records a cluster the pool is about to create (state creating) under a name nobody has used. */
  add(entry: NewPoolEntry): Promise<PoolEntry>;
  /** Moves an entry on (staging, ready); undefined when it is no longer in the pool. */
  setState(clusterName: string, state: Exclude<PoolEntryState, 'creating'>): Promise<PoolEntry | undefined>;
  /** Takes an entry out of the pool; false when it was not there. */
  remove(clusterName: string): Promise<boolean>;
  list(): PoolEntry[];
  /**
   * In ONE write: takes the best ready entry for the lab (one pre-staged for its scenario, else a plain one of its
   * node count, oldest first), removes it from the pool and makes it the lab's cluster. Two labs can never get
   * the same cluster, and a crash cannot leave a cluster half-handed-over. Undefined when nothing fits or the lab
   * is not provisioning any more.
   */
  claim(labId: string, want: PoolWant): Promise<PoolClaim | undefined>;
}

function bestEntry(data: StoreData, want: PoolWant): PoolEntry | undefined {
  const ready = data.pool
    .filter((p) => p.state === 'ready' && p.nodes === want.nodes)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return ready.find((p) => p.scenarioId === want.scenarioId) ?? ready.find((p) => p.scenarioId === undefined);
}

export function createPoolRepository(db: Database): PoolRepository {
  const copy = (entry: PoolEntry): PoolEntry => ({ ...entry });
  return {
    add: (input) =>
      db.update((data) => {
        const entry: PoolEntry = {
          clusterName: unusedClusterName(data),
          nodes: input.nodes,
          ...(input.scenarioId === undefined ? {} : { scenarioId: input.scenarioId }),
          state: 'creating',
          createdAt: nowIso(),
        };
        data.pool.push(entry);
        return copy(entry);
      }),
    setState: (clusterName, state) =>
      db.update((data) => {
        const entry = data.pool.find((p) => p.clusterName === clusterName);
        if (!entry) return undefined;
        entry.state = state;
        if (state === 'ready') entry.readyAt = nowIso();
        return copy(entry);
      }),
    remove: (clusterName) =>
      db.update((data) => {
        const before = data.pool.length;
        data.pool = data.pool.filter((p) => p.clusterName !== clusterName);
        return data.pool.length < before;
      }),
    list: () => db.read((data) => data.pool.map(copy)),
    async claim(labId, want) {
      // most starts find nothing to claim: answer those from memory instead of rewriting the data file
      if (!db.read((data) => bestEntry(data, want))) return undefined;
      return db.update((data) => {
        const lab = data.labs.find((l) => l.id === labId);
        const entry = bestEntry(data, want);
        if (!lab || lab.state !== 'provisioning' || !entry) return undefined;
        data.pool = data.pool.filter((p) => p !== entry);
        lab.clusterName = entry.clusterName;
        lab.clusterSource = entry.scenarioId === undefined ? 'pool' : 'staged';
        lab.updatedAt = nowIso();
        return { entry: copy(entry), lab: { ...lab, progress: lab.progress ? { ...lab.progress } : null } };
      });
    },
  };
}
