import type { LeftoverNetwork } from '../clusters/types.js';
import type { Logger } from '../log.js';
import { EXAM_CLUSTER_NAME, LAB_CLUSTER_NAME, type Lab, type Store } from '../store/index.js';
import type { LabClusterProvider } from './deps.js';
import { targetOf, type PoolSpec, type PoolTarget } from './pool-spec.js';

export interface ReconcileReport {
  adopted: string[];
  requeued: string[];
  endedMissing: string[];
  deletedUnknown: string[];
  /** Pooled clusters kept (ready, existing, still wanted by the pool spec). */
  poolAdopted: string[];
  /** Pool entries dropped: half-made, vanished, or no longer wanted (their clusters deleted). */
  poolDropped: string[];
  /** Docker networks of clusters otherwise gone (a delete cut short by a crash), removed. */
  networksRemoved: string[];
}

export interface ReconcileOptions {
  /** See UNKNOWN_NETWORK_MIN_AGE_MS. */
  unknownNetworkMinAgeMs?: number;
  now?: () => number;
}

/**
 * A cluster creates its network seconds before its nodes. A leftover network of a cluster the store never knew may
 * be another cks-lab process's create in progress on the same Docker engine, so it must be this old to be removed.
 */
export const UNKNOWN_NETWORK_MIN_AGE_MS = 10 * 60_000;

/**
 * Makes the store and the clusters that exist agree after a (re)start. The store owns the truth about who has
 * which cluster: ready labs whose cluster exists are adopted, labs whose cluster vanished are ended, labs caught
 * mid-provisioning go back to the queue (their half-made cluster deleted), ready pooled clusters the pool still
 * wants are kept while half-made or unwanted ones are deleted, and lab-shaped clusters nobody owns are deleted.
 */
export async function reconcileLabs(
  store: Store,
  provider: LabClusterProvider,
  logger: Logger,
  pool: PoolSpec,
  options: ReconcileOptions = {},
): Promise<ReconcileReport> {
  const existing = new Set(await provider.list());
  // before the passes below drop entries: a pool entry caught creating is ours even once it is gone from the store
  const known = new Set([
    ...store.labs.list().flatMap((lab) => lab.exam?.clusters ?? [lab.clusterName]),
    ...store.pool.list().map((entry) => entry.clusterName),
  ]);
  const report: ReconcileReport = {
    adopted: [],
    requeued: [],
    endedMissing: [],
    deletedUnknown: [],
    poolAdopted: [],
    poolDropped: [],
    networksRemoved: [],
  };
  /** Clusters a lab or pool entry owns, or that the pool pass already deleted. */
  const accounted = new Set<string>();

  for (const lab of store.labs.list()) {
    if (lab.state === 'ended' || lab.state === 'failed') continue;
    accounted.add(lab.clusterName);
    // an exam's clusters are the exam service's to adopt or delete (ExamLabs.reconcile)
    if (lab.exam) continue;
    await reconcileOne(store, provider, lab, existing.has(lab.clusterName), report);
  }
  await reconcilePool(store, provider, pool, existing, accounted, report);
  for (const name of existing) {
    if (accounted.has(name) || !LAB_CLUSTER_NAME.test(name)) continue;
    logger.info({ cluster: name }, 'deleting a lab cluster no open lab or pool entry owns');
    await provider.delete(name);
    report.deletedUnknown.push(name);
  }
  await removeLeftoverNetworks(store, provider, logger, known, report, options);
  logger.info(report, 'reconciled labs with clusters');
  return report;
}

async function reconcileOne(
  store: Store,
  provider: LabClusterProvider,
  lab: Lab,
  clusterExists: boolean,
  report: ReconcileReport,
): Promise<void> {
  switch (lab.state) {
    case 'ready':
    case 'grading':
      if (clusterExists) {
        // a Check cut short by the restart simply did not happen
        await store.labs.update(lab.id, { state: 'ready' });
        report.adopted.push(lab.id);
      } else {
        await store.labs.update(lab.id, {
          state: 'ended',
          endedAt: new Date().toISOString(),
          progress: null,
          reason:
            'its cluster no longer exists (deleted outside cks-lab or lost with the Docker engine); start the scenario again',
        });
        report.endedMissing.push(lab.id);
      }
      return;
    case 'provisioning':
      // setup was interrupted half-way; provisioning starts over, from the pool or a fresh cluster
      if (clusterExists) await provider.delete(lab.clusterName);
      await store.labs.update(lab.id, { state: 'requested', progress: null, clusterSource: undefined });
      report.requeued.push(lab.id);
      return;
    case 'requested':
    case 'ended':
    case 'failed':
      return;
  }
}

/** Keeps a pool entry only when it was ready, its cluster exists and the current spec still wants it. */
async function reconcilePool(
  store: Store,
  provider: LabClusterProvider,
  spec: PoolSpec,
  existing: ReadonlySet<string>,
  accounted: Set<string>,
  report: ReconcileReport,
): Promise<void> {
  const kept = new Map<PoolTarget, number>();
  const oldestFirst = store.pool.list().sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  for (const entry of oldestFirst) {
    const name = entry.clusterName;
    const target = targetOf(spec, entry);
    if (entry.state === 'ready' && existing.has(name) && target && (kept.get(target) ?? 0) < target.count) {
      kept.set(target, (kept.get(target) ?? 0) + 1);
      accounted.add(name);
      report.poolAdopted.push(name);
      continue;
    }
    // half-made (caught creating or staging), vanished, or more than the pool now wants
    if (existing.has(name)) await provider.delete(name);
    accounted.add(name);
    await store.pool.remove(name);
    report.poolDropped.push(name);
  }
}

/**
 * Removes the networks of lab clusters that are otherwise gone: left by a server stopped while a lab was ending (or
 * a reset's old cluster was being deleted). Nothing else ever removes them, and each holds one of Docker's address
 * ranges: enough of them and no new lab can start. A network a live lab or pool entry owns is kept; a failure is
 * only logged, since a leftover network does not keep the server from serving.
 */
async function removeLeftoverNetworks(
  store: Store,
  provider: LabClusterProvider,
  logger: Logger,
  known: ReadonlySet<string>,
  report: ReconcileReport,
  options: ReconcileOptions,
): Promise<void> {
  const minAgeMs = options.unknownNetworkMinAgeMs ?? UNKNOWN_NETWORK_MIN_AGE_MS;
  const now = (options.now ?? Date.now)();
  const live = new Set([
    ...store.labs.active().flatMap((lab) => lab.exam?.clusters ?? [lab.clusterName]),
    ...store.pool.list().map((entry) => entry.clusterName),
  ]);
  let leftovers: LeftoverNetwork[];
  try {
    leftovers = await provider.leftoverNetworks();
  } catch (error) {
    logger.error({ err: error }, 'listing leftover cluster networks failed; the next start looks again');
    return;
  }
  for (const { cluster, network, createdAt } of leftovers) {
    // an exam's further clusters are removed only when the store knows them (cks-…-N may be someone else's)
    const ours = LAB_CLUSTER_NAME.test(cluster) || (EXAM_CLUSTER_NAME.test(cluster) && known.has(cluster));
    if (!ours || live.has(cluster)) continue;
    if (!known.has(cluster) && now - createdAt.getTime() < minAgeMs) continue;
    try {
      await provider.delete(cluster);
      report.networksRemoved.push(network);
    } catch (error) {
      logger.error({ err: error, network }, 'removing a leftover cluster network failed');
    }
  }
}
