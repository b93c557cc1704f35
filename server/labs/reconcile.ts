import type { Logger } from '../log.js';
import { LAB_CLUSTER_NAME, type Lab, type Store } from '../store/index.js';
import type { LabClusterProvider } from './deps.js';

export interface ReconcileReport {
  adopted: string[];
  requeued: string[];
  endedMissing: string[];
  deletedUnknown: string[];
}

/**
 * Makes the store and the clusters that exist agree after a (re)start. The store owns the truth about who has
 * which lab: ready labs whose cluster exists are adopted, labs whose cluster vanished are ended, labs caught
 * mid-provisioning go back to the queue, and lab-shaped clusters nobody owns are deleted.
 */
export async function reconcileLabs(
  store: Store,
  provider: LabClusterProvider,
  logger: Logger,
): Promise<ReconcileReport> {
  const existing = new Set(await provider.list());
  const report: ReconcileReport = { adopted: [], requeued: [], endedMissing: [], deletedUnknown: [] };
  const owned = new Set<string>();

  for (const lab of store.labs.list()) {
    if (lab.state === 'ended' || lab.state === 'failed') continue;
    owned.add(lab.clusterName);
    await reconcileOne(store, lab, existing.has(lab.clusterName), report);
  }
  for (const name of existing) {
    if (owned.has(name) || !LAB_CLUSTER_NAME.test(name)) continue;
    logger.info({ cluster: name }, 'deleting a lab cluster no open lab owns');
    await provider.delete(name);
    report.deletedUnknown.push(name);
  }
  logger.info(report, 'reconciled labs with clusters');
  return report;
}

async function reconcileOne(
  store: Store,
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
      // setup was interrupted half-way; provisioning starts over from a fresh cluster
      await store.labs.update(lab.id, { state: 'requested', progress: null });
      report.requeued.push(lab.id);
      return;
    case 'requested':
    case 'ended':
    case 'failed':
      return;
  }
}
