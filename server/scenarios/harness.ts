import { availableParallelism } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { CheckResult, CheckStatus, GradeResult } from '../../grader/index.js';
import type { ClusterProvider } from '../clusters/types.js';
import type { Logger } from '../log.js';
import type { ProgressSink } from '../progress.js';
import { mapLimit } from '../async/map-limit.js';
import { resolveMustFail } from './consistency.js';
import { gradeScenario } from './grade.js';
import type { LoadedScenario } from './loader.js';
import { applyAlternative, applyWrongAnswer, setupScenario, solveScenario } from './steps.js';
import { connectToCluster, type ScenarioTarget } from './target.js';

export interface PhaseOutcome {
  /** create, setup, unsolved, solve, solved, wrong:<name> or alt:<name>. */
  phase: string;
  ok: boolean;
  durationMs: number;
  detail?: string;
}

export interface ScenarioTestReport {
  id: string;
  ok: boolean;
  setupMs?: number;
  /** Grading time on the solved cluster (the slowest grade of the run is gradeMaxMs). */
  gradeMs?: number;
  gradeMaxMs?: number;
  /** Cluster time this scenario's proof took: the sum of its jobs (create → work → delete), run in parallel or not. */
  proofMs: number;
  phases: PhaseOutcome[];
  /** Clusters left running because of --keep. */
  keptClusters: string[];
}

export interface ProofRun {
  reports: ScenarioTestReport[];
  /** Wall-clock time of the whole run. */
  wallMs: number;
  /** Jobs (each on its own fresh cluster) and how many ran at once. */
  jobs: number;
  parallel: number;
}

export interface HarnessOptions {
  provider: ClusterProvider;
  logger: Logger;
  progress?: ProgressSink;
  /** Leave clusters running for inspection. */
  keep?: boolean;
  /** Cluster create timeout. */
  createTimeoutMs?: number;
  /** Node image; the provider's default when absent. */
  image?: string;
  /** Jobs (fresh clusters) at once; 1 when absent. */
  parallel?: number;
  /**
   * Every grade the proof takes, with its phase (unsolved, solved, wrong:<name>, alt:<name>), for callers that
   * report per task rather than only the mismatches (`scenario import --check`).
   */
  onGrade?: (scenario: LoadedScenario, phase: string, grade: GradeResult) => void;
}

/**
 * Fresh clusters at once for a proof run: one more than the cores, at most 4. A proof job spends most of its time
 * waiting (the API server's start, rollouts, restarts) and a create costs ~13 CPU-s since the node image holds its
 * images unpacked. Measured on 2 cores with the same 14 jobs: 2 at a time 6m25s, 3 at a time 4m29s (cluster time
 * per job unchanged), 4 at a time 3m47s but each job ~12 % slower at load average 15, too close to the timing
 * windows some checks have.
 */
export function defaultProofParallelism(cores = availableParallelism()): number {
  return Math.max(1, Math.min(cores + 1, 4));
}

/** A step failed (the environment is broken): later phases that build on it are not attempted. */
class PhaseAborted extends Error {}

/** One unit of proof work that needs a pristine cluster of its own: the main phases, a wrong answer, an alternative. */
type ProofJob =
  | { scenario: LoadedScenario; kind: 'main' }
  | { scenario: LoadedScenario; kind: 'wrong'; answer: LoadedScenario['spec']['wrongAnswers'][number] }
  | { scenario: LoadedScenario; kind: 'alt'; answer: LoadedScenario['spec']['alternatives'][number] };

interface JobOutcome {
  phases: PhaseOutcome[];
  durationMs: number;
  setupMs?: number;
  gradeMs?: number;
  gradeMaxMs?: number;
  kept: string[];
}

/**
 * `scenario test`: fresh cluster → setup → every task must fail → solution → every task must pass; then each wrong
 * answer on its own fresh cluster → setup → its steps → its mustFail checks must fail; and each alternative (another
 * correct answer) on its own → setup → its steps → every task must pass. Proves the grader honest both ways.
 */
export async function testScenario(
  scenario: LoadedScenario,
  options: HarnessOptions,
): Promise<ScenarioTestReport> {
  const { reports } = await testScenarios([scenario], options);
  const [report] = reports;
  if (!report) throw new Error('internal: no report for the scenario');
  return report;
}

/**
 * Proves several scenarios: every job (each scenario's main phases, each wrong answer) runs on a cluster created
 * for it alone and deleted after it, at most `parallel` at once. Reports keep catalog and phase order whatever
 * order the jobs finish in.
 */
export async function testScenarios(
  scenarios: readonly LoadedScenario[],
  options: HarnessOptions,
): Promise<ProofRun> {
  const parallel = options.parallel ?? 1;
  const jobs: ProofJob[] = scenarios.flatMap((scenario) => [
    { scenario, kind: 'main' as const },
    ...scenario.spec.wrongAnswers.map((answer) => ({ scenario, kind: 'wrong' as const, answer })),
    ...scenario.spec.alternatives.map((answer) => ({ scenario, kind: 'alt' as const, answer })),
  ]);
  const setupFailed = new Set<string>();
  const started = Date.now();
  const outcomes = await mapLimit(jobs, parallel, (job) => runJob(job, options, setupFailed, parallel > 1));
  const reports = scenarios.map((scenario) => {
    const mine = outcomes.filter((_, index) => jobs[index]?.scenario === scenario);
    const phases = mine.flatMap((outcome) => outcome.phases);
    const main = mine[0];
    const gradeMaxes = mine.flatMap((outcome) =>
      outcome.gradeMaxMs === undefined ? [] : [outcome.gradeMaxMs],
    );
    return {
      id: scenario.id,
      ok: phases.every((phase) => phase.ok),
      ...(main?.setupMs === undefined ? {} : { setupMs: main.setupMs }),
      ...(main?.gradeMs === undefined ? {} : { gradeMs: main.gradeMs }),
      ...(gradeMaxes.length ? { gradeMaxMs: Math.max(...gradeMaxes) } : {}),
      proofMs: mine.reduce((sum, outcome) => sum + outcome.durationMs, 0),
      phases,
      keptClusters: mine.flatMap((outcome) => outcome.kept),
    };
  });
  return { reports, wallMs: Date.now() - started, jobs: jobs.length, parallel };
}

/** Runs one job on its own fresh cluster; never throws (every problem becomes a failed phase). */
async function runJob(
  job: ProofJob,
  options: HarnessOptions,
  setupFailed: Set<string>,
  labelProgress: boolean,
): Promise<JobOutcome> {
  const { scenario } = job;
  const started = Date.now();
  const outcome: JobOutcome = { phases: [], durationMs: 0, kept: [] };
  const record = (phase: PhaseOutcome) => {
    outcome.phases.push(phase);
    options.logger.info({ scenario: scenario.id, ...phase }, 'scenario test phase');
  };
  const noteGrade = (grade: GradeResult, phase: string) => {
    outcome.gradeMaxMs = Math.max(outcome.gradeMaxMs ?? 0, grade.durationMs);
    options.onGrade?.(scenario, phase, grade);
  };
  const label = job.kind === 'main' ? scenario.id : `${scenario.id} ${job.kind}:${job.answer.name}`;
  const progress =
    labelProgress && options.progress ? prefixProgress(options.progress, label) : options.progress;
  const jobOptions = { ...options, progress };

  if (job.kind === 'main') {
    await withCluster(scenario, jobOptions, outcome, record, async (target) => {
      try {
        outcome.setupMs = await step(record, 'setup', () => setupScenario(scenario, target, { progress }));
      } catch (error) {
        setupFailed.add(scenario.id);
        throw error;
      }
      const unsolved = await gradeScenario(scenario, target);
      noteGrade(unsolved, 'unsolved');
      record(expectAll('unsolved', unsolved, 'fail'));
      await step(record, 'solve', () => solveScenario(scenario, target, { progress }));
      const solved = await gradeScenario(scenario, target);
      noteGrade(solved, 'solved');
      outcome.gradeMs = solved.durationMs;
      record(expectAll('solved', solved, 'pass'));
    });
  } else {
    const phase = `${job.kind}:${job.answer.name}`;
    const apply = job.kind === 'wrong' ? applyWrongAnswer : applyAlternative;
    if (setupFailed.has(scenario.id)) {
      record({ phase, ok: false, durationMs: 0, detail: 'not attempted: setup did not succeed' });
    } else {
      const graded = await withCluster(scenario, jobOptions, outcome, record, async (target) => {
        await step(record, `${phase} setup`, () => setupScenario(scenario, target, { progress }), true);
        await step(
          record,
          `${phase} steps`,
          () => apply(scenario, job.answer.name, target, { progress }),
          true,
        );
        const grade = await gradeScenario(scenario, target);
        noteGrade(grade, phase);
        record(
          job.kind === 'wrong'
            ? expectMustFail(phase, scenario, job.answer.mustFail, grade)
            : expectAll(phase, grade, 'pass'),
        );
      });
      if (!graded)
        record({ phase, ok: false, durationMs: 0, detail: 'not graded: an earlier step failed (see above)' });
    }
  }
  outcome.durationMs = Date.now() - started;
  return outcome;
}

/** Several jobs print at once: each line says whose it is. */
function prefixProgress(sink: ProgressSink, label: string): ProgressSink {
  return (event) => sink({ ...event, step: `${label}: ${event.step}` });
}

/** Creates a fresh cluster for the work and deletes it afterwards (unless keep); false when the work was aborted. */
async function withCluster(
  scenario: LoadedScenario,
  options: HarnessOptions,
  outcome: JobOutcome,
  record: (outcome: PhaseOutcome) => void,
  work: (target: ScenarioTarget) => Promise<void>,
): Promise<boolean> {
  const name = `cks-t-${randomBytes(3).toString('hex')}`;
  let created = false;
  try {
    await step(record, `create ${name}`, async () => {
      await options.provider.create(name, {
        nodes: scenario.spec.nodes,
        progress: options.progress,
        timeoutMs: options.createTimeoutMs,
        image: options.image,
      });
      created = true;
    });
    await work(await connectToCluster(options.provider, name, options.logger));
    return true;
  } catch (error) {
    if (error instanceof PhaseAborted) return false;
    record({
      phase: 'harness',
      ok: false,
      durationMs: 0,
      detail: error instanceof Error ? error.message : String(error),
    });
    return false;
  } finally {
    if (created && options.keep) outcome.kept.push(name);
    else if (created) await deleteCluster(options.provider, name, record);
  }
}

async function deleteCluster(
  provider: ClusterProvider,
  name: string,
  record: (outcome: PhaseOutcome) => void,
): Promise<void> {
  try {
    await provider.delete(name);
  } catch (error) {
    const detail = `${error instanceof Error ? error.message : String(error)}; remove it with \`cks-lab cluster delete ${name}\``;
    record({ phase: `delete ${name}`, ok: false, durationMs: 0, detail });
  }
}

/** Runs a phase that must not throw; on failure records it and aborts the phases that depend on it. */
async function step(
  record: (outcome: PhaseOutcome) => void,
  phase: string,
  action: () => Promise<void>,
  quietOnSuccess = false,
): Promise<number> {
  const started = Date.now();
  try {
    await action();
  } catch (error) {
    record({
      phase,
      ok: false,
      durationMs: Date.now() - started,
      detail: error instanceof Error ? error.message : String(error),
    });
    throw new PhaseAborted(phase);
  }
  const durationMs = Date.now() - started;
  if (!quietOnSuccess) record({ phase, ok: true, durationMs });
  return durationMs;
}

function expectAll(phase: string, grade: GradeResult, wanted: CheckStatus): PhaseOutcome {
  const wrong = grade.tasks.filter((task) => task.status !== wanted);
  const detail = wrong
    .map((task) => {
      const culprit = task.checks.find((check) => check.status !== wanted) ?? task.checks[0];
      return `task ${task.id}: expected ${wanted}, got ${task.status}${culprit ? ` (${culprit.id}: ${culprit.message})` : ''}`;
    })
    .join('; ');
  return { phase, ok: wrong.length === 0, durationMs: grade.durationMs, ...(detail ? { detail } : {}) };
}

function expectMustFail(
  phase: string,
  scenario: LoadedScenario,
  mustFail: string[],
  grade: GradeResult,
): PhaseOutcome {
  const problems: string[] = [];
  for (const ref of mustFail) {
    const target = resolveMustFail(scenario.spec, ref);
    if (typeof target === 'string') {
      problems.push(target);
      continue;
    }
    const task = grade.tasks.find((t) => t.id === target.task);
    const result = target.check ? findCheck(task?.checks ?? [], target.check) : task;
    if (!result) problems.push(`${ref}: no result`);
    else if (result.status !== 'fail') {
      const message = 'message' in result ? ` (${result.message})` : '';
      problems.push(`${ref}: expected fail, got ${result.status}${message}`);
    }
  }
  return {
    phase,
    ok: problems.length === 0,
    durationMs: grade.durationMs,
    ...(problems.length ? { detail: problems.join('; ') } : {}),
  };
}

function findCheck(checks: CheckResult[], id: string): CheckResult | undefined {
  for (const check of checks) {
    if (check.id === id) return check;
    const nested = findCheck(check.children ?? [], id);
    if (nested) return nested;
  }
  return undefined;
}
