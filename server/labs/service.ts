import type { Logger } from '../log.js';
import type { Attempt, Lab, Learner, Store } from '../store/index.js';
import type { LabConfig } from './config.js';
import type { ExamEngine, LabClusterProvider, LabGrade, PlatformGate, ScenarioEngine } from './deps.js';
import { ExamLabs, noCheckDuringExam, type ExamStart } from './exam-labs.js';
import { firstLine, LabError } from './errors.js';
import { LabEvents } from './events.js';
import { LabLocks } from './lab-locks.js';
import { ClusterPool, defaultPoolTuning, type PoolTuning } from './pool.js';
import { POOL_OFF, type PoolSpec } from './pool-spec.js';
import { Provisioner } from './provisioner.js';
import { reconcileLabs, type ReconcileReport } from './reconcile.js';
import { ClusterRetirer } from './retire.js';
import { toLabView, type LabView } from './view.js';

/** A whole solution or wrong answer (its steps have their own timeouts; this only bounds the lot). */
const AUTHOR_RUN_TIMEOUT_MS = 20 * 60_000;

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
  /** Mock exams; absent: no exam can start. */
  exams?: ExamEngine;
}

/** Activity is persisted at most this often; a keystroke stream must not rewrite the data file. */
const TOUCH_PERSIST_INTERVAL_MS = 30_000;

/** A Check in progress: reset and end cancel it, and wait until its work has stopped. */
interface Grading {
  abort: AbortController;
  /** Settles once the grade's work has stopped (finished, failed or cancelled). */
  stopped: Promise<void>;
}

/**
 * The lab lifecycle: requested → provisioning → ready ⇄ grading → ended (or failed). Every state change of a lab
 * runs in that lab's lock (LabLocks): it reads and writes the lab with no other change of it in between, and work
 * that outlives the lock (provisioning, grading) is cancelled and awaited by the change that supersedes it.
 */
export class LabService {
  readonly events: LabEvents;
  readonly pool: ClusterPool;
  private readonly provisioner: Provisioner;
  private readonly retirer: ClusterRetirer;
  private readonly locks = new LabLocks();
  private readonly exams: ExamLabs | undefined;
  private readonly gradings = new Map<string, Grading>();
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
      clustersOutside: () => this.clustersInUse() + this.retirer.count,
      retire: (clusterName, why) => this.retirer.retire(clusterName, why),
      loadAverage: options.pool?.loadAverage,
      platformReady: () => this.platformBlocker() === null,
    });
    this.exams =
      options.exams &&
      new ExamLabs({
        store: options.store,
        engine: options.exams,
        logger: options.logger,
        events: this.events,
        locks: this.locks,
        publish: (lab) => this.publish(lab),
        endLab: (labId, reason) => this.end(labId, reason),
        slotFreed: () => this.pump(),
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
    await this.exams?.reconcile(new Set(await this.options.provider.list()));
    this.pump();
    // queued labs launch first, so the pool sees them and waits
    await this.pumpChain;
    if (!this.closed) this.pool.start();
    return report;
  }

  async start(learner: Learner, scenarioId: string): Promise<LabView> {
    await this.reconciling;
    this.claimStart(learner.id);
    try {
      this.requireNoOtherOpenLab(learner.id);
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

  /**
   * Starts a mock exam: its clusters are created and set up at once (exams do not queue), so it needs as many free
   * lab slots as it has clusters; the clock starts when they are ready.
   */
  async startExam(learner: Learner, setId: string, start: ExamStart): Promise<LabView> {
    const exams = this.requireExams();
    await this.reconciling;
    this.claimStart(learner.id);
    try {
      this.requireNoOtherOpenLab(learner.id);
      this.requirePlatform();
      const needed = await exams.clustersNeeded(setId);
      const free = this.options.config.maxLabs - this.clustersInUse() - this.store.labs.queued().length;
      if (needed > free) {
        throw new LabError(
          503,
          'no_room_for_exam',
          `This exam needs ${needed} clusters at once and the server has room for ${Math.max(0, free)} now (CKS_LAB_MAX_LABS is ${this.options.config.maxLabs}); try again when labs have ended.`,
        );
      }
      const lab = await exams.start(learner, setId, start);
      this.pool.makeRoom(lab.id);
      return this.view(lab);
    } finally {
      this.starting.delete(learner.id);
    }
  }

  /** Practice exams only: grades every task without ending the exam. */
  async checkExam(labId: string): Promise<Attempt> {
    const exams = this.requireExams();
    return this.locks.run(labId, () => exams.check(labId));
  }

  async saveExamAnswers(labId: string, answers: { flagged: string[]; notes: string }): Promise<Lab> {
    const exams = this.requireExams();
    return this.locks.run(labId, () => exams.saveAnswers(labId, answers));
  }

  private requireExams(): ExamLabs {
    if (!this.exams) throw new LabError(404, 'exams_off', 'This server offers no mock exams.');
    return this.exams;
  }

  /** Clusters that labs hold: one per lab, an exam's all of its own. */
  private clustersInUse(): number {
    return this.store.labs.active().reduce((sum, lab) => sum + (lab.exam?.clusters.length ?? 1), 0);
  }

  /**
   * Grades the live cluster and records the attempt; only a ready lab can be checked. One Check per lab at a time:
   * another one while it runs is refused with 409 lab_checking (its answer would be the same, and a learner
   * clicking twice must not double the load on the cluster). A reset or end while it runs cancels it: 409
   * lab_changed, and nothing is recorded.
   */
  async check(labId: string): Promise<Attempt> {
    const { lab, work, abort, signal } = await this.locks.run(labId, () => this.beginCheck(labId));
    let grade: LabGrade | undefined;
    let failure: unknown;
    try {
      grade = await work;
    } catch (error) {
      failure = error;
    }
    return this.locks.run(labId, () => this.finishCheck(lab, abort, signal, grade, failure));
  }

  private async beginCheck(labId: string) {
    const lab = this.require(labId);
    if (lab.exam) throw noCheckDuringExam();
    // "grading" with no Check running is one whose end could not be saved (disk full): this Check takes over
    if (lab.state === 'grading' && this.gradings.has(labId)) {
      throw new LabError(
        409,
        'lab_checking',
        'A Check of this lab is already running; its result appears when it finishes.',
      );
    }
    if (lab.state !== 'ready' && lab.state !== 'grading') {
      throw new LabError(409, 'lab_not_ready', `The lab is ${lab.state}; Check works once it is ready.`);
    }
    const grading = await this.update(labId, { state: 'grading', lastActivityAt: new Date().toISOString() });
    this.publish(grading);
    const abort = new AbortController();
    const signal = AbortSignal.any([abort.signal, AbortSignal.timeout(this.options.config.gradeTimeoutMs)]);
    // started (not awaited) inside the lock, so a reset or end queued behind it finds it to cancel
    const work = this.options.scenarios.grade(lab.clusterName, lab.scenarioId, signal);
    const stopped = work.then(
      () => undefined,
      () => undefined,
    );
    this.gradings.set(labId, { abort, stopped });
    return { lab, work, abort, signal };
  }

  private async finishCheck(
    lab: Lab,
    abort: AbortController,
    signal: AbortSignal,
    grade: LabGrade | undefined,
    failure: unknown,
  ): Promise<Attempt> {
    const labId = lab.id;
    if (this.gradings.get(labId)?.abort === abort) this.gradings.delete(labId);
    // a reset or end took the lab over (and set its state): the grade, if any, is of a cluster that is going away
    if (abort.signal.aborted || this.store.labs.get(labId)?.state !== 'grading') {
      const reason: unknown = abort.signal.reason;
      throw reason instanceof LabError
        ? reason
        : new LabError(409, 'lab_changed', 'The lab changed while Check ran; nothing was recorded.');
    }
    this.publish(await this.update(labId, { state: 'ready' }));
    if (!grade) {
      this.options.logger.error({ err: failure, lab: labId }, 'grading failed');
      if (signal.aborted) {
        const seconds = Number((this.options.config.gradeTimeoutMs / 1000).toFixed(1));
        throw new LabError(
          504,
          'grading_timeout',
          `Check did not finish within ${seconds} s (the cluster may be overloaded); try again in a moment.`,
        );
      }
      throw new LabError(
        500,
        'grading_failed',
        `Check could not run: ${firstLine(failure)}. Try again in a moment.`,
      );
    }
    const attempt = await this.store.attempts.add({
      labId,
      learnerId: lab.learnerId,
      durationMs: grade.durationMs,
      score: grade.percent,
      passed: grade.passed,
      tasks: grade.tasks,
    });
    this.options.logger.info({ lab: labId, score: grade.percent, ms: grade.durationMs }, 'lab graded');
    this.events.emit({ type: 'checked', labId, attempt });
    return attempt;
  }

  /** Cancels the lab's Check, if one runs, and waits until its work has stopped. */
  private async cancelCheck(labId: string, why: 'reset' | 'ended'): Promise<void> {
    const grading = this.gradings.get(labId);
    if (!grading) return;
    this.gradings.delete(labId);
    grading.abort.abort(
      new LabError(409, 'lab_changed', `The lab was ${why} while Check ran; nothing was recorded.`),
    );
    await grading.stopped;
  }

  /**
   * Runs an author's work (`scenario dev`: the solution or a wrong answer) on a ready lab's cluster. It holds the
   * lab's lock throughout, so a Check, reset or end waits for it instead of racing it; the step timeouts bound it.
   */
  async runOnCluster(
    labId: string,
    work: (cluster: string, signal: AbortSignal) => Promise<void>,
  ): Promise<number> {
    return this.locks.run(labId, async () => {
      const lab = this.require(labId);
      if (lab.state !== 'ready') {
        throw new LabError(409, 'lab_not_ready', `The lab is ${lab.state}; this works once it is ready.`);
      }
      const started = Date.now();
      await work(lab.clusterName, AbortSignal.timeout(AUTHOR_RUN_TIMEOUT_MS));
      await this.update(labId, { lastActivityAt: new Date().toISOString() });
      return Date.now() - started;
    });
  }

  /**
   * Throws the cluster away and provisions another one with the same scenario: a pooled one when the pool has
   * one, else a fresh one under a NEW name, so the background delete of the old cluster cannot race the create.
   */
  async reset(labId: string): Promise<LabView> {
    await this.reconciling;
    return this.locks.run(labId, () => this.resetNow(labId));
  }

  private async resetNow(labId: string): Promise<LabView> {
    const lab = this.require(labId);
    if (lab.exam) {
      throw new LabError(409, 'exam_no_reset', 'An exam cannot be reset; end it and start a new one.');
    }
    if (lab.state === 'ended')
      throw new LabError(409, 'lab_ended', 'This lab has ended; start the scenario again.');
    if (lab.state === 'requested')
      throw new LabError(409, 'lab_queued', 'This lab is still waiting for a slot.');
    this.requirePlatform();
    // a failed lab holds no slot and counts as no open lab: resetting it opens one, like a start
    const reopening = lab.state === 'failed';
    if (reopening) this.claimStart(lab.learnerId);
    try {
      if (reopening) this.requireNoOtherOpenLab(lab.learnerId);
      await this.cancelCheck(labId, 'reset');
      await this.provisioner.stop(labId);
      // the stopped run may have handed the lab a pooled cluster: the old cluster is the one it holds now
      const old = this.require(labId);
      // a running lab keeps its slot across the reset; a failed one queues again like a new start
      const renewed = await this.store.labs.updateWithNewCluster(labId, {
        state: reopening ? 'requested' : 'provisioning',
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
      if (reopening) this.pump();
      else this.provisioner.launch(renewed);
      return this.view(renewed);
    } finally {
      if (reopening) this.starting.delete(lab.learnerId);
    }
  }

  /** Ends the lab and deletes its cluster before resolving. Ending an ended lab is a no-op. */
  async end(labId: string, reason: string): Promise<LabView> {
    const exams = this.exams;
    if (exams && this.store.labs.get(labId)?.exam) {
      return this.view(await this.locks.run(labId, () => exams.end(labId, reason)));
    }
    const ended = await this.locks.run(labId, () => this.endNow(labId, reason));
    if (!ended.deleteCluster) return this.view(ended.lab);
    try {
      // never back to the pool: a cluster a learner had is deleted, whatever they did in it
      await this.options.provider.delete(ended.lab.clusterName);
    } catch (error) {
      // the lab is ended either way; reconcile deletes the leftover on the next start
      this.options.logger.error(
        { err: error, cluster: ended.lab.clusterName },
        'deleting the cluster of an ended lab failed',
      );
    }
    this.pump();
    return this.view(ended.lab);
  }

  private async endNow(labId: string, reason: string): Promise<{ lab: Lab; deleteCluster: boolean }> {
    const before = this.require(labId);
    if (before.state === 'ended') return { lab: before, deleteCluster: false };
    await this.cancelCheck(labId, 'ended');
    await this.provisioner.stop(labId);
    // read after the stop: the run may have handed the lab a pooled cluster meanwhile
    const lab = this.require(labId);
    const ended = await this.update(labId, {
      state: 'ended',
      endedAt: new Date().toISOString(),
      progress: null,
      reason,
    });
    this.options.logger.info({ lab: labId, reason }, 'lab ended');
    this.publish(ended);
    // a queued lab never had a cluster
    return { lab: ended, deleteCluster: lab.state !== 'requested' };
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
      // an exam's clock ends it; reading a task is not idling
      .filter((lab) => lab.state === 'ready' && !lab.exam && now - Date.parse(lab.lastActivityAt) > limit);
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
    this.exams?.close();
    for (const grading of this.gradings.values()) {
      grading.abort.abort(
        new LabError(503, 'server_stopping', 'The server is stopping; check again once it is back.'),
      );
    }
    await this.pool.close();
    await this.provisioner.stopAll();
    await this.pumpChain;
    await this.retirer.settle();
  }

  /**
   * Marks a start (or the reset of a failed lab) for this learner as under way; a second one meanwhile is refused,
   * so two at once cannot both pass the per-learner cap. Release with starting.delete.
   */
  private claimStart(learnerId: string): void {
    if (this.starting.has(learnerId)) {
      throw new LabError(
        409,
        'lab_starting',
        'A lab is already being started for you; wait for it to appear.',
      );
    }
    this.starting.add(learnerId);
  }

  private requireNoOtherOpenLab(learnerId: string): void {
    const open = this.store.labs.openForLearner(learnerId);
    if (open.length >= this.options.config.labsPerLearner) {
      const current = open[0];
      throw new LabError(
        409,
        'lab_exists',
        `You already have a lab (${current?.scenarioId}, ${current?.state}). End it before starting another.`,
        { labId: current?.id },
      );
    }
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
    while (!this.closed && this.clustersInUse() < this.options.config.maxLabs) {
      const next = this.store.labs.queued()[0];
      if (!next) break;
      // in the lab's lock: an end of this lab right now either comes first (and the lab is no longer queued) or
      // after (and stops the run launched here)
      const launched = await this.locks.run(next.id, async () => {
        if (this.store.labs.get(next.id)?.state !== 'requested') return false;
        const lab = await this.update(next.id, { state: 'provisioning', progress: null });
        this.publish(lab);
        this.provisioner.launch(lab);
        return true;
      });
      started ||= launched;
    }
    // everyone still waiting moved up one place
    if (started) for (const lab of this.store.labs.queued()) this.publish(lab);
    // after the queue: a freed slot goes to a waiting learner before it goes to a spare cluster
    this.pool.refill();
  }
}
