import type { Logger } from '../log.js';
import type { LabClusterProvider } from './deps.js';

/**
 * Deletes clusters nobody may use any more (the old cluster of a reset) without making the learner wait. A failed
 * delete is only logged: the cluster is lab-shaped and owned by nobody, so the next start's reconcile removes it.
 */
export class ClusterRetirer {
  private readonly pending = new Map<string, Promise<void>>();

  constructor(
    private readonly provider: LabClusterProvider,
    private readonly logger: Logger,
    /** A delete finished (or failed): room for another cluster may have freed up. */
    private readonly onSettled: () => void,
  ) {}

  retire(clusterName: string, why: string): void {
    if (this.pending.has(clusterName)) return;
    const started = Date.now();
    const done = this.provider
      .delete(clusterName)
      .then(
        () =>
          this.logger.info({ cluster: clusterName, why, ms: Date.now() - started }, 'deleted a used cluster'),
        (error: unknown) =>
          this.logger.error(
            { err: error, cluster: clusterName, why },
            'deleting a used cluster in the background failed; the next start removes it',
          ),
      )
      .finally(() => {
        this.pending.delete(clusterName);
        this.onSettled();
      });
    this.pending.set(clusterName, done);
  }

  /** Clusters still being deleted: they hold memory until they are gone. */
  get count(): number {
    return this.pending.size;
  }

  /** Resolves once every delete started so far has finished. */
  async settle(): Promise<void> {
    await Promise.all(this.pending.values());
  }
}
