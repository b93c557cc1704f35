import type { Logger } from '../log.js';
import type { ProgressEvent } from '../progress.js';
import type { Lab, Store } from '../store/index.js';
import type { LabConfig } from './config.js';
import type { LabClusterProvider, ScenarioEngine } from './deps.js';
import { firstLine } from './errors.js';
import type { ClusterPool, LabCluster } from './pool.js';
import { provisionLab } from './provision.js';

export interface ProvisionerOptions {
  store: Store;
  provider: LabClusterProvider;
  scenarios: ScenarioEngine;
  pool: Pick<ClusterPool, 'claim' | 'makeRoom' | 'labProvisioning'>;
  config: LabConfig;
  logger: Logger;
  /** A lab record changed (progress, ready, failed). */
  publish: (lab: Lab) => void;
  /** Every progress event, including sub-step messages that are not persisted. */
  progress: (labId: string, event: ProgressEvent) => void;
  /** A failed lab freed its slot. */
  slotFreed: () => void;
}

interface Running {
  abort: AbortController;
  done: Promise<void>;
}

/** Runs provisioning in the background, one run per lab, and can stop a run (end or reset) and wait for it. */
export class Provisioner {
  private readonly running = new Map<string, Running>();

  constructor(private readonly options: ProvisionerOptions) {}

  launch(lab: Lab): void {
    const abort = new AbortController();
    // taken before anything async, so a pool refill deciding meanwhile already sees a learner waiting
    const provisioned = this.options.pool.labProvisioning();
    const done = this.provision(lab, abort).finally(() => {
      provisioned();
      if (this.running.get(lab.id)?.abort === abort) this.running.delete(lab.id);
    });
    this.running.set(lab.id, { abort, done });
  }

  /** Aborts the lab's run, if any, and resolves once it has settled. */
  async stop(labId: string): Promise<void> {
    const run = this.running.get(labId);
    if (!run) return;
    run.abort.abort();
    await run.done;
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.running.keys()].map((id) => this.stop(id)));
  }

  private async provision(lab: Lab, abort: AbortController): Promise<void> {
    const { store, logger, config, provider, scenarios, pool } = this.options;
    const signal = AbortSignal.any([abort.signal, AbortSignal.timeout(config.provisionTimeoutMs)]);
    const started = Date.now();
    try {
      const scenario = await scenarios.get(lab.scenarioId);
      if (!scenario) throw new Error(`scenario "${lab.scenarioId}" is no longer in the catalog`);
      await provisionLab(
        {
          labId: lab.id,
          clusterName: lab.clusterName,
          scenario,
          provider,
          scenarios,
          pool,
          recordCluster: (cluster) => this.recordCluster(lab.id, cluster),
          signal,
          timeoutMs: config.provisionTimeoutMs,
        },
        (event) => this.onProgress(lab.id, event),
      );
      if (abort.signal.aborted) return;
      const now = new Date().toISOString();
      const ready = await store.labs.update(lab.id, {
        state: 'ready',
        readyAt: now,
        lastActivityAt: now,
        progress: null,
      });
      logger.info(
        { lab: lab.id, cluster: ready?.clusterName, source: ready?.clusterSource, ms: Date.now() - started },
        'lab ready',
      );
      if (ready) this.options.publish(ready);
    } catch (error) {
      if (abort.signal.aborted) return; // ended or reset meanwhile: whoever aborted cleans up
      logger.error({ err: error, lab: lab.id }, 'provisioning failed');
      const step = store.labs.get(lab.id)?.progress?.step;
      const why = signal.aborted ? 'it took too long' : firstLine(error);
      const failed = await store.labs.update(lab.id, {
        state: 'failed',
        progress: null,
        reason: `${step ? `step "${step}" failed: ` : ''}${why}`,
      });
      if (failed) this.options.publish(failed);
      // the cluster step may have given the lab a pooled cluster: delete the one it holds now
      const clusterName = failed?.clusterName ?? lab.clusterName;
      await provider.delete(clusterName).catch((deleteError: unknown) => {
        logger.error(
          { err: deleteError, cluster: clusterName },
          'deleting the cluster of a failed lab failed',
        );
      });
      this.options.slotFreed();
    }
  }

  private async recordCluster(labId: string, cluster: LabCluster): Promise<void> {
    const lab = await this.options.store.labs.update(labId, {
      clusterName: cluster.name,
      clusterSource: cluster.source,
    });
    if (lab) this.options.publish(lab);
  }

  /** Forwards every event; persists step starts and ends so a reloaded page shows where provisioning stands. */
  private onProgress(labId: string, event: ProgressEvent): void {
    const { store, logger } = this.options;
    this.options.progress(labId, event);
    if (event.kind !== 'start' && event.kind !== 'end') return;
    if (store.labs.get(labId)?.state !== 'provisioning') return;
    const progress = { step: event.step, index: event.index, total: event.total, done: event.kind === 'end' };
    void store.labs
      .update(labId, { progress })
      .then((lab) => lab && this.options.publish(lab))
      .catch((error: unknown) => logger.error({ err: error, lab: labId }, 'saving progress failed'));
  }
}
