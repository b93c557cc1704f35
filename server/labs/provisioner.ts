import type { Logger } from '../log.js';
import type { ProgressEvent } from '../progress.js';
import { ACTIVE_LAB_STATES, type Lab, type Store } from '../store/index.js';
import type { LabPatch } from '../store/labs.js';
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

/** What a run knows of its lab; every write it makes is conditional on the lab still being exactly this. */
interface RunTarget {
  labId: string;
  /** Becomes the pooled cluster's name when the run takes one. */
  clusterName: string;
}

/**
 * Runs provisioning in the background, one run per lab, and can stop a run (end or reset) and wait for it. The
 * caller launches and stops inside the lab's lock (LabLocks), so a lab never has two runs; and a run only writes
 * while its lab is still provisioning on its cluster, so even a run that missed its cancellation cannot mark an
 * ended or reset lab ready.
 */
export class Provisioner {
  private readonly running = new Map<string, Running>();

  constructor(private readonly options: ProvisionerOptions) {}

  launch(lab: Lab): void {
    if (this.running.has(lab.id)) throw new Error(`internal: lab ${lab.id} is already being provisioned`);
    const abort = new AbortController();
    // taken before anything async, so a pool refill deciding meanwhile already sees a learner waiting
    const provisioned = this.options.pool.labProvisioning();
    const done = this.provision(lab, abort)
      // only a failed store write gets here; nobody may be waiting on the run, so it must not go unhandled
      .catch((error: unknown) => this.options.logger.error({ err: error, lab: lab.id }, 'provisioning broke'))
      .finally(() => {
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
    const target: RunTarget = { labId: lab.id, clusterName: lab.clusterName };
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
          recordCluster: (cluster) => this.recordCluster(target, cluster),
          signal,
          timeoutMs: config.provisionTimeoutMs,
        },
        (event) => this.onProgress(target, event),
      );
      if (abort.signal.aborted) return;
      const now = new Date().toISOString();
      const ready = await this.write(target, {
        state: 'ready',
        readyAt: now,
        lastActivityAt: now,
        progress: null,
      });
      if (!ready) return await this.discardOvertaken(target);
      logger.info(
        { lab: lab.id, cluster: ready.clusterName, source: ready.clusterSource, ms: Date.now() - started },
        'lab ready',
      );
      this.options.publish(ready);
    } catch (error) {
      if (abort.signal.aborted) return; // ended or reset meanwhile: whoever aborted cleans up
      logger.error({ err: error, lab: lab.id }, 'provisioning failed');
      const step = store.labs.get(lab.id)?.progress?.step;
      const why = signal.aborted ? 'it took too long' : firstLine(error);
      const failed = await this.write(target, {
        state: 'failed',
        progress: null,
        reason: `${step ? `step "${step}" failed: ` : ''}${why}`,
      });
      if (!failed) return await this.discardOvertaken(target);
      this.options.publish(failed);
      // the cluster step may have given the lab a pooled cluster: delete the one it holds now
      await provider.delete(failed.clusterName).catch((deleteError: unknown) => {
        logger.error(
          { err: deleteError, cluster: failed.clusterName },
          'deleting the cluster of a failed lab failed',
        );
      });
      this.options.slotFreed();
    }
  }

  /**
   * The lab moved on without stopping this run (it should not happen: end and reset stop runs first). The cluster
   * the run made is nobody's unless the lab still holds it, so it is deleted rather than left running.
   */
  private async discardOvertaken(target: RunTarget): Promise<void> {
    const { store, provider, logger } = this.options;
    const lab = store.labs.get(target.labId);
    logger.warn({ lab: target.labId, state: lab?.state }, 'the lab changed under a provisioning run');
    if (lab && lab.clusterName === target.clusterName && ACTIVE_LAB_STATES.includes(lab.state)) return;
    await provider.delete(target.clusterName).catch((error: unknown) => {
      logger.error(
        { err: error, cluster: target.clusterName },
        'deleting the cluster of an overtaken run failed',
      );
    });
  }

  /** Patches the lab only while it is still provisioning on the run's cluster. */
  private write(target: RunTarget, patch: LabPatch): Promise<Lab | undefined> {
    return this.options.store.labs.updateIf(
      target.labId,
      { state: 'provisioning', clusterName: target.clusterName },
      patch,
    );
  }

  private async recordCluster(target: RunTarget, cluster: LabCluster): Promise<void> {
    // a pooled cluster is already the lab's (the claim wrote it in the same write that took it from the pool)
    const lab =
      cluster.name === target.clusterName
        ? await this.write(target, { clusterSource: cluster.source })
        : await this.options.store.labs.updateIf(
            target.labId,
            { state: 'provisioning', clusterName: cluster.name },
            { clusterSource: cluster.source },
          );
    if (!lab) throw new Error('the lab was ended or reset while it was being given a cluster');
    target.clusterName = cluster.name;
    this.options.publish(lab);
  }

  /** Forwards every event; persists step starts and ends so a reloaded page shows where provisioning stands. */
  private onProgress(target: RunTarget, event: ProgressEvent): void {
    const { logger } = this.options;
    this.options.progress(target.labId, event);
    if (event.kind !== 'start' && event.kind !== 'end') return;
    const progress = { step: event.step, index: event.index, total: event.total, done: event.kind === 'end' };
    void this.write(target, { progress })
      .then((lab) => lab && this.options.publish(lab))
      .catch((error: unknown) => logger.error({ err: error, lab: target.labId }, 'saving progress failed'));
  }
}
