import type { Logger } from '../log.js';
import type { ProgressEvent } from '../progress.js';
import type { Attempt, ExamResult, Lab, LabExam, Learner, Store, TaskResult } from '../store/index.js';
import type { ExamEngine, ExamGrade } from './deps.js';
import { firstLine, LabError } from './errors.js';
import type { LabEvents } from './events.js';
import type { LabLocks } from './lab-locks.js';

/** The exam's clock when the learner does not set one: the real exam's two hours. */
export const DEFAULT_EXAM_MINUTES = 120;
export const MIN_EXAM_MINUTES = 10;
export const MAX_EXAM_MINUTES = 240;

/** Check is refused during an exam (a practice exam's own Check excepted). */
export function noCheckDuringExam(): LabError {
  return new LabError(
    409,
    'exam_no_check',
    'There is no Check during an exam (as in the real one): End the exam to see your score.',
  );
}

/** Setup progress is persisted at most this often (a reloaded page shows the latest line). */
const PROGRESS_PERSIST_MS = 2_000;

export interface ExamStart {
  practice: boolean;
  minutes: number;
}

export interface ExamLabsOptions {
  store: Store;
  engine: ExamEngine;
  logger: Logger;
  events: LabEvents;
  /** The lab service's locks: setup's outcome is written in the lab's lock like every other change. */
  locks: LabLocks;
  /** A lab record changed. */
  publish: (lab: Lab) => void;
  /** Ends a lab through the lab service (its lock, then end() here): the clock ran out. */
  endLab: (labId: string, reason: string) => Promise<unknown>;
  /** The exam's clusters are gone: a waiting learner may start. */
  slotFreed: () => void;
  now?: () => number;
}

/**
 * Labs that are mock exams: all clusters set up together by the engine, a clock that starts once they are ready
 * and ends the exam when it runs out, no Check except in practice mode, and on end a weighted grade kept with the
 * lab (and as an attempt, so history and the instructor grid show it) before every cluster is deleted. The lab
 * service calls in here from inside the lab's lock.
 */
export class ExamLabs {
  /** The engine's setup of each exam still being made (end waits for it before tearing down). */
  private readonly setups = new Map<string, Promise<void>>();
  private readonly clocks = new Map<string, NodeJS.Timeout>();
  private readonly lastProgressWrite = new Map<string, number>();

  constructor(private readonly options: ExamLabsOptions) {}

  private get store(): Store {
    return this.options.store;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  /** Clusters the exam will hold (for the server's cap), before its lab exists. */
  async clustersNeeded(setId: string): Promise<number> {
    return (await this.detail(setId)).clusters;
  }

  private async detail(setId: string) {
    const detail = await this.options.engine.get(setId);
    if (!detail) {
      throw new LabError(404, 'exam_not_found', `There is no exam "${setId}"; pick one from the exam list.`);
    }
    return detail;
  }

  async start(learner: Learner, setId: string, start: ExamStart): Promise<Lab> {
    const detail = await this.detail(setId);
    const created = await this.store.labs.createExam(learner.id, `exam:${detail.id}`, (clusterName) => ({
      setId: detail.id,
      title: detail.title,
      clusters: [clusterName],
      minutes: start.minutes,
      practice: start.practice,
      flagged: [],
      notes: '',
    }));
    let lab: Lab;
    try {
      const clusters = await this.options.engine.clusterNames(detail.id, created.clusterName);
      lab = await this.patchExam(created, { clusters });
    } catch (error) {
      await this.store.labs.update(created.id, {
        state: 'failed',
        reason: `planning the exam failed: ${firstLine(error)}`,
      });
      throw error;
    }
    this.options.logger.info(
      { lab: lab.id, learner: learner.id, exam: detail.id, clusters: lab.exam?.clusters.length },
      'exam requested',
    );
    this.options.publish(lab);
    this.launch(lab);
    return lab;
  }

  private launch(lab: Lab): void {
    const exam = requireExam(lab);
    const started = this.now();
    const setup = this.options.engine.setUp(exam.setId, lab.clusterName, (message) =>
      this.report(lab.id, message),
    );
    const settled = setup.then(
      () => undefined,
      () => undefined,
    );
    this.setups.set(lab.id, settled);
    setup
      .then(
        () => this.options.locks.run(lab.id, () => this.becameReady(lab.id, started)),
        (error: unknown) => this.options.locks.run(lab.id, () => this.setupFailed(lab.id, error)),
      )
      .catch((error: unknown) => this.options.logger.error({ err: error, lab: lab.id }, 'exam setup broke'))
      .finally(() => {
        if (this.setups.get(lab.id) === settled) this.setups.delete(lab.id);
        this.lastProgressWrite.delete(lab.id);
      });
  }

  private report(labId: string, message: string): void {
    const event: ProgressEvent = { kind: 'info', step: 'exam', message };
    this.options.events.emit({ type: 'progress', labId, event });
    const last = this.lastProgressWrite.get(labId) ?? 0;
    if (this.now() - last < PROGRESS_PERSIST_MS) return;
    this.lastProgressWrite.set(labId, this.now());
    const progress = { step: 'exam setup', index: 1, total: 1, done: false, message: message.slice(0, 300) };
    const clusterName = this.store.labs.get(labId)?.clusterName ?? '';
    void this.store.labs
      .updateIf(labId, { state: 'provisioning', clusterName }, { progress })
      .then((lab) => lab && this.options.publish(lab))
      .catch((error: unknown) =>
        this.options.logger.warn({ err: error, lab: labId }, 'saving progress failed'),
      );
  }

  /** The clock starts now; an exam ended while it was being set up stays ended (end tears it down). */
  private async becameReady(labId: string, started: number): Promise<void> {
    const lab = this.store.labs.get(labId);
    if (lab?.state !== 'provisioning' || !lab.exam) return;
    const now = this.now();
    const startedAt = new Date(now).toISOString();
    const endsAt = new Date(now + lab.exam.minutes * 60_000).toISOString();
    const ready = await this.store.labs.updateIf(
      labId,
      { state: 'provisioning', clusterName: lab.clusterName },
      {
        state: 'ready',
        readyAt: startedAt,
        lastActivityAt: startedAt,
        progress: null,
        exam: { ...lab.exam, startedAt, endsAt },
      },
    );
    if (!ready) return;
    this.options.logger.info({ lab: labId, ms: now - started }, 'exam ready');
    this.options.publish(ready);
    this.armClock(ready);
  }

  private async setupFailed(labId: string, error: unknown): Promise<void> {
    const lab = this.store.labs.get(labId);
    this.options.logger.error({ err: error, lab: labId }, 'exam setup failed');
    if (lab?.state !== 'provisioning') return; // ended meanwhile: end cleaned up
    const failed = await this.store.labs.updateIf(
      labId,
      { state: 'provisioning', clusterName: lab.clusterName },
      { state: 'failed', progress: null, reason: `setting the exam up failed: ${firstLine(error)}` },
    );
    if (failed) this.options.publish(failed);
    // ExamRun deleted what it made; a second pass costs nothing and covers a half-made link
    await this.tearDown(lab);
    this.options.slotFreed();
  }

  /** Ends the clock: the exam ends (and is graded) when it runs out, also after a restart. */
  private armClock(lab: Lab): void {
    const endsAt = lab.exam?.endsAt;
    if (!endsAt) return;
    this.disarmClock(lab.id);
    // setTimeout holds at most ~24.8 days; exams are at most hours
    const timer = setTimeout(
      () => {
        this.clocks.delete(lab.id);
        this.options.endLab(lab.id, 'the time ran out').catch((error: unknown) => {
          this.options.logger.error({ err: error, lab: lab.id }, 'ending an exam whose time ran out failed');
        });
      },
      Math.max(0, Date.parse(endsAt) - this.now()),
    );
    timer.unref();
    this.clocks.set(lab.id, timer);
  }

  private disarmClock(labId: string): void {
    clearTimeout(this.clocks.get(labId));
    this.clocks.delete(labId);
  }

  /**
   * Ends an exam (in the lab's lock): waits for a setup still running, grades what is there (only once it was
   * set up), keeps the result with the lab and as an attempt, then deletes every cluster.
   */
  async end(labId: string, reason: string): Promise<Lab> {
    const before = this.require(labId);
    if (before.state === 'ended' || before.state === 'failed') return before;
    this.disarmClock(labId);
    await this.setups.get(labId);
    const lab = this.require(labId);
    let result: ExamResult | undefined;
    if (lab.state === 'ready' || lab.state === 'grading') {
      const grading = await this.store.labs.update(labId, { state: 'grading' });
      if (grading) this.options.publish(grading);
      result = await this.grade(lab);
    }
    const exam = requireExam(lab);
    const ended = await this.store.labs.update(labId, {
      state: 'ended',
      endedAt: new Date(this.now()).toISOString(),
      progress: null,
      reason,
      exam: { ...exam, ...(result ? { result } : {}) },
    });
    if (!ended) throw new LabError(404, 'lab_not_found', `There is no lab "${labId}".`);
    if (result) await this.recordAttempt(ended, result);
    this.options.logger.info({ lab: labId, reason, percent: result?.percent }, 'exam ended');
    this.options.publish(ended);
    await this.tearDown(ended);
    this.options.slotFreed();
    return ended;
  }

  /** Practice mode only: grades the exam as End would, without ending it, and records the attempt. */
  async check(labId: string): Promise<Attempt> {
    const lab = this.require(labId);
    const exam = requireExam(lab);
    if (!exam.practice) throw noCheckDuringExam();
    if (lab.state !== 'ready') {
      throw new LabError(409, 'lab_not_ready', `The exam is ${lab.state}; Check works once it is ready.`);
    }
    const result = await this.grade(lab);
    return this.recordAttempt(lab, result);
  }

  /** The learner's flags and notes; kept with the lab so a refresh or another browser finds them. */
  async saveAnswers(labId: string, answers: { flagged: string[]; notes: string }): Promise<Lab> {
    const lab = this.require(labId);
    const exam = requireExam(lab);
    if (lab.state === 'ended' || lab.state === 'failed') {
      throw new LabError(409, 'lab_ended', 'This exam is over; its notes can no longer change.');
    }
    // only keys of this exam's tasks: the list is shown back on the page and kept in the data file
    const keys = new Set((await this.options.engine.get(exam.setId))?.taskList.map((t) => t.key) ?? []);
    const flagged = [...new Set(answers.flagged)].filter((key) => keys.has(key));
    return this.patchExam(lab, { flagged, notes: answers.notes });
  }

  /**
   * After a restart: exams caught mid-setup fail (their clusters deleted), ready exams whose clusters all exist
   * run on with the clock they had (ended at once if it ran out meanwhile), and exams whose clusters vanished end.
   */
  async reconcile(existing: ReadonlySet<string>): Promise<void> {
    for (const lab of this.store.labs.list()) {
      if (!lab.exam || lab.state === 'ended' || lab.state === 'failed' || this.setups.has(lab.id)) continue;
      if (lab.state === 'provisioning' || lab.state === 'requested') {
        const failed = await this.store.labs.update(lab.id, {
          state: 'failed',
          progress: null,
          reason: 'the server restarted while the exam was being set up; start it again',
        });
        if (failed) this.options.publish(failed);
        await this.tearDown(lab);
        continue;
      }
      if (!lab.exam.clusters.every((name) => existing.has(name))) {
        await this.options.endLab(lab.id, 'its clusters were gone after the server restarted');
        continue;
      }
      const ready = lab.state === 'grading' ? await this.store.labs.update(lab.id, { state: 'ready' }) : lab;
      if (ready) this.armClock(ready);
    }
  }

  close(): void {
    for (const id of [...this.clocks.keys()]) this.disarmClock(id);
  }

  private async grade(lab: Lab): Promise<ExamResult> {
    const exam = requireExam(lab);
    const gradedAt = new Date(this.now()).toISOString();
    try {
      return { gradedAt, ...(await this.options.engine.grade(exam.setId, lab.clusterName)) };
    } catch (error) {
      this.options.logger.error({ err: error, lab: lab.id }, 'grading the exam failed');
      // an exam that cannot be graded scores nothing, and says so on every task
      const detail = await this.options.engine.get(exam.setId);
      const tasks = (detail?.taskList ?? []).map((task) => ({
        scenario: task.scenario,
        task: task.task,
        title: task.title,
        weight: task.weight,
        score: 0,
        status: 'error' as const,
        problems: [`grading failed: ${firstLine(error)}`],
      }));
      const maxScore = tasks.reduce((sum, t) => sum + t.weight, 0);
      return { gradedAt, percent: 0, passed: false, score: 0, maxScore, tasks };
    }
  }

  private async recordAttempt(lab: Lab, result: ExamGrade): Promise<Attempt> {
    const attempt = await this.store.attempts.add({
      labId: lab.id,
      learnerId: lab.learnerId,
      durationMs: 0,
      score: result.percent,
      passed: result.passed,
      tasks: result.tasks.map((task): TaskResult => ({
        taskId: `${task.scenario}/${task.task}`,
        title: task.title,
        status: task.status,
        score: task.score,
        maxScore: task.weight,
        checks: task.problems.map((problem) => ({ name: problem, status: 'fail', message: problem })),
      })),
    });
    this.options.events.emit({ type: 'checked', labId: lab.id, attempt });
    return attempt;
  }

  private async tearDown(lab: Lab): Promise<void> {
    const exam = requireExam(lab);
    await this.options.engine.tearDown(exam.setId, lab.clusterName).catch((error: unknown) => {
      // reconcile cannot tell an exam's extra clusters from foreign ones: say which to delete by hand
      this.options.logger.error(
        { err: error, lab: lab.id, clusters: exam.clusters },
        'deleting the clusters of an exam failed; delete them with `npx cks-lab cluster delete`',
      );
    });
  }

  private async patchExam(lab: Lab, patch: Partial<LabExam>): Promise<Lab> {
    const exam = requireExam(lab);
    const updated = await this.store.labs.update(lab.id, { exam: { ...exam, ...patch } });
    if (!updated) throw new LabError(404, 'lab_not_found', `There is no lab "${lab.id}".`);
    return updated;
  }

  private require(labId: string): Lab {
    const lab = this.store.labs.get(labId);
    if (!lab) throw new LabError(404, 'lab_not_found', `There is no lab "${labId}".`);
    return lab;
  }
}

function requireExam(lab: Lab): LabExam {
  if (!lab.exam) throw new Error(`internal: lab ${lab.id} is not an exam`);
  return lab.exam;
}
