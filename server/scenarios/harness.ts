import { randomBytes } from 'node:crypto';
import type { CheckResult, CheckStatus, GradeResult } from '../../grader/index.js';
import type { ClusterProvider } from '../clusters/types.js';
import type { Logger } from '../log.js';
import type { ProgressSink } from '../progress.js';
import { resolveMustFail } from './consistency.js';
import { gradeScenario } from './grade.js';
import type { LoadedScenario } from './loader.js';
import { applyWrongAnswer, setupScenario, solveScenario } from './steps.js';
import { connectToCluster, type ScenarioTarget } from './target.js';

export interface PhaseOutcome {
  /** create, setup, unsolved, solve, solved, or wrong:<name>. */
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
  phases: PhaseOutcome[];
  /** Clusters left running because of --keep. */
  keptClusters: string[];
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
}

/** A step failed (the environment is broken): later phases that build on it are not attempted. */
class PhaseAborted extends Error {}

/**
 * `scenario test`: fresh cluster → setup → every task must fail → solution → every task must pass; then each wrong
 * answer on its own fresh cluster → setup → its steps → its mustFail checks must fail. Proves the grader honest.
 */
export async function testScenario(
  scenario: LoadedScenario,
  options: HarnessOptions,
): Promise<ScenarioTestReport> {
  const report: ScenarioTestReport = { id: scenario.id, ok: true, phases: [], keptClusters: [] };
  const record = (outcome: PhaseOutcome) => {
    report.phases.push(outcome);
    if (!outcome.ok) report.ok = false;
    options.logger.info({ scenario: scenario.id, ...outcome }, 'scenario test phase');
  };
  const noteGrade = (grade: GradeResult) => {
    report.gradeMaxMs = Math.max(report.gradeMaxMs ?? 0, grade.durationMs);
  };

  const setupOk = await withCluster(scenario, options, report, record, async (target) => {
    report.setupMs = await step(record, 'setup', () =>
      setupScenario(scenario, target, { progress: options.progress }),
    );
    const unsolved = await gradeScenario(scenario, target);
    noteGrade(unsolved);
    record(expectAll('unsolved', unsolved, 'fail'));
    await step(record, 'solve', () => solveScenario(scenario, target, { progress: options.progress }));
    const solved = await gradeScenario(scenario, target);
    noteGrade(solved);
    report.gradeMs = solved.durationMs;
    record(expectAll('solved', solved, 'pass'));
  });

  for (const answer of scenario.spec.wrongAnswers) {
    const phase = `wrong:${answer.name}`;
    if (!setupOk) {
      record({ phase, ok: false, durationMs: 0, detail: 'not attempted: setup did not succeed' });
      continue;
    }
    const graded = await withCluster(scenario, options, report, record, async (target) => {
      await step(
        record,
        `${phase} setup`,
        () => setupScenario(scenario, target, { progress: options.progress }),
        true,
      );
      await step(
        record,
        `${phase} steps`,
        () => applyWrongAnswer(scenario, answer.name, target, { progress: options.progress }),
        true,
      );
      const grade = await gradeScenario(scenario, target);
      noteGrade(grade);
      record(expectMustFail(phase, scenario, answer.mustFail, grade));
    });
    if (!graded)
      record({ phase, ok: false, durationMs: 0, detail: 'not graded: an earlier step failed (see above)' });
  }
  return report;
}

/** Creates a fresh cluster for the work and deletes it afterwards (unless keep); false when the work was aborted. */
async function withCluster(
  scenario: LoadedScenario,
  options: HarnessOptions,
  report: ScenarioTestReport,
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
    if (created && options.keep) report.keptClusters.push(name);
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
