import type { Logger } from '../log.js';
import type { Attempt, Lab, Learner, Store } from '../store/index.js';
import type { LabConfig } from './config.js';
import type { LabClusterProvider, PlatformGate, ScenarioEngine } from './deps.js';
import { firstLine, LabError } from './errors.js';
import { LabEvents } from './events.js';
import { ClusterPool, defaultPoolTuning, type PoolTuning } from './pool.js';
import { POOL_OFF, type PoolSpec } from './pool-spec.js';
import { Provisioner } from './provisioner.js';
import { reconcileLabs, type ReconcileReport } from './reconcile.js';
import { ClusterRetirer } from './retire.js';
import { toLabView, type LabView } from './view.js';

export interface LabPoolSettings {
  spec: PoolSpec;
  tuning?: Partial<PoolTuning>;
  /** 1-minute load average; tests pin it so the host's load cannot change what they see. */
  loadAverage?: () => number;
}

export interface LabServiceOptions {
  store: Store;
  provider: LabClusterProvider;
  scenarios: ScenarioEngine;
  config: LabConfig;
  logger: Logger;
  /** The warm pool; off when absent. */
  pool?: LabPoolSettings;
  /** Labs start and the pool fills only while this has no blocker; absent: always. */
  platform?: PlatformGate;
}

/** Activity is persisted at most this often; a keystroke stream must not rewrite the data file. */
const TOUCH_PERSIST_INTERVAL_MS = 30_000;

/** The lab lifecycle: requested → provisioning → ready ⇄ grading → ended (or failed). */
export class LabService {
  readonly events: LabEvents;
  readonly pool: ClusterPool;
  private readonly provisioner: Provisioner;
  private readonly retirer: ClusterRetirer;
  private readonly starting = new Set<string>();
  private pumpChain: Promise<void> = Promise.resolve();
  private reconciling: Promise<unknown> | undefined;
  private closed = false;

  constructor(private readonly options: LabServiceOptions) {
    this.events = new LabEvents((error) => options.logger.error({ err: error }, 'lab event listener failed'));
    this.retirer = new ClusterRetirer(options.provider, options.logger, () => this.pool.refill());
    this.pool = new ClusterPool({
      store: options.store,
      provider: options.provider,
      scenarios: options.scenarios,
      logger: options.logger,
      spec: options.pool?.spec ?? POOL_OFF,
      tuning: { ...defaultPoolTuning(), ...options.pool?.tuning },
      // pooled clusters only fill lab slots no lab uses: the host never runs more clusters than CKS_LAB_MAX_LABS
      // (plus used ones still being deleted), whether they are labs or spares
      maxClusters: () => options.config.maxLabs,
      clustersOutside: () => this.store.labs.active().length + this.retirer.count,
      retire: (clusterName, why) => this.retirer.retire(clusterName, why),
      loadAverage: options.pool?.loadAverage,
      platformReady: () => this.platformBlocker() === null,
    });
    this.provisioner = new Provisioner({
      ...options,
      pool: this.pool,
      publish: (lab) => this.publish(lab),
      progress: (labId, event) => this.events.emit({ type: 'progress', labId, event }),
      slotFreed: () => this.pump(),
    });
  }

  private get store(): Store {
    return this.options.store;
  }

  view(lab: Lab): LabView {
    return toLabView(
      lab,
      this.store.labs.queued(),
      this.options.config.maxLabs,
      this.platformBlocker() === null,
    );
  }

  /**
   * Adopts or deletes clusters (labs' and pooled) after a restart, starts queued labs, then fills the pool. Starts
   * and resets wait for it: a lab launched meanwhile could be taken for one the restart interrupted.
   */
  reconcile(): Promise<ReconcileReport> {
    const run = this.reconcileOnce();
    // starts and resets only need to know it is over; the caller sees the error
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    this.reconciling = settled;
    void settled.then(() => {
      if (this.reconciling === settled) this.reconciling = undefined;
    });
    return run;
  }

  private async reconcileOnce(): Promise<ReconcileReport> {
    const report = await reconcileLabs(
      this.store,
      this.options.provider,
      this.options.logger,
      this.pool.spec,
    );
    this.pump();
    // queued labs launch first, so the pool sees them and waits
    await this.pumpChain;
    if (!this.closed) this.pool.start();
    return report;
  }

  async start(learner: Learner, scenarioId: string): Promise<LabView> {
    await this.reconciling;
    if (this.starting.has(learner.id)) {
      throw new LabError(
        409,
        'lab_starting',
        'A lab is already being started for you; wait for it to appear.',
      );
    }
    this.starting.add(learner.id);
    try {
      const open = this.store.labs.openForLearner(learner.id);
      if (open.length >= this.options.config.labsPerLearner) {
        const current = open[0];
        throw new LabError(
          409,
          'lab_exists',
          `You already have a lab (${current?.scenarioId}, ${current?.state}). End it before starting another.`,
          { labId: current?.id },
        );
      }
      const scenario = await this.options.scenarios.get(scenarioId);
      if (!scenario) {
        throw new LabError(
          404,
          'scenario_not_found',
          `There is no scenario "${scenarioId}"; pick one from the catalog.`,
        );
      }
      this.requirePlatform();
      const lab = await this.store.labs.create(learner.id, scenario.id);
      this.options.logger.info({ lab: lab.id, learner: learner.id, scenario: scenario.id }, 'lab requested');
      this.publish(lab);
      this.pump();
      return this.view(lab);
    } finally {
      this.starting.delete(learner.id);
    }
  }

  /** Grades the live cluster and records the attempt; only a ready lab can be checked. */
  async check(labId: string): Promise<Attempt> {
    const lab = this.require(labId);
    if (lab.state !== 'ready') {
      throw new LabError(409, 'lab_not_ready', `The lab is ${lab.state}; Check works once it is ready.`);
    }
    this.publish(await this.update(labId, { state: 'grading', lastActivityAt: new Date().toISOString() }));
    try {
      const grade = await this.options.scenarios.grade(
        lab.clusterName,
        lab.scenarioId,
        AbortSignal.timeout(this.options.config.gradeTimeoutMs),
      );
      const attempt = await this.store.attempts.add({
        labId,
        learnerId: lab.learnerId,
        durationMs: grade.durationMs,
        score: grade.percent,
        passed: grade.passed,
        tasks: grade.tasks,
      });
      this.options.logger.info({ lab: labId, score: grade.percent, ms: grade.durationMs }, 'lab graded');
      return attempt;
    } catch (error) {
      this.options.logger.error({ err: error, lab: labId }, 'grading failed');
      throw new LabError(
        500,
        'grading_failed',
        `Check could not run: ${firstLine(error)}. Try again in a moment.`,
      );
    } finally {
      const current = this.store.labs.get(labId);
      if (current?.state === 'grading') this.publish(await this.update(labId, { state: 'ready' }));
    }
  }

  /**
   * Throws the cluster away and provisions another one with the same scenario: a pooled one when the pool has
   * one, else a fresh one under a NEW name, so the background delete of the old cluster cannot race the create.
   */
  async reset(labId: string): Promise<LabView> {
    await this.reconciling;
    const lab = this.require(labId);
    if (lab.state === 'ended')
      throw new LabError(409, 'lab_ended', 'This lab has ended; start the scenario again.');
    if (lab.state === 'requested')
      throw new LabError(409, 'lab_queued', 'This lab is still waiting for a slot.');
    this.requirePlatform();
    await this.provisioner.stop(labId);
    // the stopped run may have handed the lab a pooled cluster: the old cluster is the one it holds now
    const old = this.require(labId);
    const holdsSlot = old.state !== 'failed';
    // a running lab keeps its slot across the reset; a failed one queues again like a new start
    const renewed = await this.store.labs.updateWithNewCluster(labId, {
      state: holdsSlot ? 'provisioning' : 'requested',
      progress: null,
      clusterSource: undefined,
      reason: undefined,
      readyAt: undefined,
      lastActivityAt: new Date().toISOString(),
    });
    if (!renewed) throw new LabError(404, 'lab_not_found', `There is no lab "${labId}".`);
    this.options.logger.info({ lab: labId, oldCluster: old.clusterName }, 'lab reset');
    // published first: the terminal hangs up before its cluster goes away
    this.publish(renewed);
    this.retirer.retire(old.clusterName, `reset of lab ${labId}`);
    if (holdsSlot) this.provisioner.launch(renewed);
    else this.pump();
    return this.view(renewed);
  }

  /** Ends the lab and deletes its cluster before resolving. Ending an ended lab is a no-op. */
  async end(labId: string, reason: string): Promise<LabView> {
    const before = this.require(labId);
    if (before.state === 'ended') return this.view(before);
    await this.provisioner.stop(labId);
    // read after the stop: the run may have handed the lab a pooled cluster meanwhile
    const lab = this.require(labId);
    if (lab.state === 'ended') return this.view(lab);
    const ended = await this.update(labId, {
      state: 'ended',
      endedAt: new Date().toISOString(),
      progress: null,
      reason,
    });
    this.options.logger.info({ lab: labId, reason }, 'lab ended');
    this.publish(ended);
    try {
      // never back to the pool: a cluster a learner had is deleted, whatever they did in it
      await this.options.provider.delete(lab.clusterName);
    } catch (error) {
      // the lab is ended either way; reconcile deletes the leftover on the next start
      this.options.logger.error(
        { err: error, cluster: lab.clusterName },
        'deleting the cluster of an ended lab failed',
      );
    }
    this.pump();
    return this.view(ended);
  }

  /** Records learner activity (terminal input, API use) so the lab does not expire while in use. */
  async touch(labId: string): Promise<void> {
    const lab = this.store.labs.get(labId);
    if (!lab || Date.now() - Date.parse(lab.lastActivityAt) < TOUCH_PERSIST_INTERVAL_MS) return;
    await this.store.labs.update(labId, { lastActivityAt: new Date().toISOString() });
  }

  /** Ends ready labs nobody used for longer than the idle timeout. */
  async expireIdle(now = Date.now()): Promise<string[]> {
    const limit = this.options.config.idleTimeoutMs;
    const idle = this.store.labs
      .active()
      .filter((lab) => lab.state === 'ready' && now - Date.parse(lab.lastActivityAt) > limit);
    for (const lab of idle) {
      await this.end(lab.id, `it was idle for more than ${Math.round(limit / 60_000)} minutes`);
    }
    return idle.map((lab) => lab.id);
  }

  /** Looks for idle labs periodically; returns the function that stops looking. */
  startIdleSweeper(): () => void {
    const timer = setInterval(() => {
      this.expireIdle().catch((error: unknown) =>
        this.options.logger.error({ err: error }, 'idle sweep failed'),
      );
    }, this.options.config.idleSweepIntervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  /**
   * Stops refilling the pool and in-flight provisioning (clusters stay: the store still owns them and reconcile
   * handles them), and waits for background deletes of used clusters.
   */
  async close(): Promise<void> {
    this.closed = true;
    await this.pool.close();
    await this.provisioner.stopAll();
    await this.pumpChain;
    await this.retirer.settle();
  }

  private require(labId: string): Lab {
    const lab = this.store.labs.get(labId);
    if (!lab) throw new LabError(404, 'lab_not_found', `There is no lab "${labId}".`);
    return lab;
  }

  private async update(labId: string, patch: Parameters<Store['labs']['update']>[1]): Promise<Lab> {
    const lab = await this.store.labs.update(labId, patch);
    if (!lab) throw new LabError(404, 'lab_not_found', `There is no lab "${labId}".`);
    return lab;
  }

  private platformBlocker(): string | null {
    return this.options.platform?.blocker() ?? null;
  }

  /** 503 while the platform is not ready: the message says what is being prepared or what to run. */
  private requirePlatform(): void {
    const blocker = this.platformBlocker();
    if (blocker) throw new LabError(503, 'platform_not_ready', blocker);
  }

  private publish(lab: Lab): void {
    this.events.emit({ type: 'lab', lab: this.view(lab) });
  }

  /** Starts queued labs while slots are free; runs one pass at a time so the cap is never overshot. */
  private pump(): void {
    this.pumpChain = this.pumpChain
      .then(() => this.pumpOnce())
      .catch((error: unknown) => this.options.logger.error({ err: error }, 'starting queued labs failed'));
  }

  private async pumpOnce(): Promise<void> {
    // queued labs (from before a restart) wait for the node image like new ones; opening labs pumps again
    if (this.platformBlocker() !== null) return;
    let started = false;
    while (!this.closed && this.store.labs.active().length < this.options.config.maxLabs) {
      const next = this.store.labs.queued()[0];
      if (!next) break;
      const lab = await this.update(next.id, { state: 'provisioning', progress: null });
      this.publish(lab);
      this.provisioner.launch(lab);
      started = true;
    }
    // everyone still waiting moved up one place
    if (started) for (const lab of this.store.labs.queued()) this.publish(lab);
    // after the queue: a freed slot goes to a waiting learner before it goes to a spare cluster
    this.pool.refill();
  }
}
