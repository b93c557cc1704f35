import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { GradeResult } from '../../grader/index.js';
import type { ClusterProvider } from '../clusters/types.js';
import type { Logger } from '../log.js';
import type { ProgressSink } from '../progress.js';
import { testScenarios, type PhaseOutcome, type ScenarioTestReport } from '../scenarios/harness.js';
import { loadScenario, type LoadedScenario } from '../scenarios/loader.js';
import type { ImportCheck, PhaseRun, VerifyRun } from './check-report.js';
import { formatReport, REPORT_FILE, type ImportReport } from './report.js';

export interface CheckOptions {
  provider: ClusterProvider;
  logger: Logger;
  progress?: ProgressSink;
  /** node image; the provider's default when absent */
  image?: string;
  /** fresh clusters at once; 1 when absent */
  parallel?: number;
  createTimeoutMs?: number;
}

/**
 * `scenario import --check`: proves every imported scenario on a fresh cluster of its own with the `scenario test`
 * harness (setup → every verify must fail → the marked solution → every verify must pass), then rewrites its
 * IMPORT.md with a "Check on a real cluster" section. Returns the reports with `check` set; never throws for a
 * scenario that fails (that is a result), only when the harness cannot start.
 */
export async function checkImports(
  reports: readonly ImportReport[],
  options: CheckOptions,
): Promise<ImportReport[]> {
  const loaded = await Promise.all(reports.map((report) => loadScenario(report.out)));
  const runnable = loaded.flatMap((result) => (result.scenario ? [result.scenario] : []));
  const grades = new Map<LoadedScenario, Map<string, GradeResult>>();
  const run = runnable.length
    ? await testScenarios(runnable, {
        provider: options.provider,
        logger: options.logger,
        progress: options.progress,
        image: options.image,
        parallel: options.parallel,
        createTimeoutMs: options.createTimeoutMs,
        onGrade: (scenario, phase, grade) => {
          const mine = grades.get(scenario) ?? new Map<string, GradeResult>();
          mine.set(phase, grade);
          grades.set(scenario, mine);
        },
      })
    : undefined;
  const checked = reports.map((report, index): ImportReport => {
    const scenario = loaded[index]?.scenario;
    const proof = scenario ? run?.reports[runnable.indexOf(scenario)] : undefined;
    const check =
      scenario && proof
        ? checkFromProof(proof, grades.get(scenario) ?? new Map(), scenario.spec.nodes, report.durationMs)
        : notRun(report);
    return { ...report, check };
  });
  for (const report of checked) await writeFile(join(report.out, REPORT_FILE), formatReport(report));
  return checked;
}

function notRun(report: ImportReport): ImportCheck {
  return {
    ok: false,
    nodes: report.source.nodes,
    notRun: 'the imported scenario does not lint (see "Lint problems")',
    problems: [],
    importMs: report.durationMs,
    checkMs: 0,
  };
}

/** The harness's phases (create <name>, setup, unsolved, solve, solved, harness, delete <name>) as the report's. */
function checkFromProof(
  proof: ScenarioTestReport,
  grades: ReadonlyMap<string, GradeResult>,
  nodes: number,
  importMs: number,
): ImportCheck {
  const find = (match: (phase: PhaseOutcome) => boolean) => proof.phases.find(match);
  const asRun = (phase: PhaseOutcome | undefined): PhaseRun | undefined =>
    phase && {
      ok: phase.ok,
      durationMs: phase.durationMs,
      ...(phase.ok || phase.detail === undefined ? {} : { error: phase.detail }),
    };
  const cluster = asRun(find((phase) => phase.phase.startsWith('create ')));
  const setup = asRun(find((phase) => phase.phase === 'setup'));
  const solution = asRun(find((phase) => phase.phase === 'solve'));
  const before = verifyRun(grades.get('unsolved'), 'fail');
  const after = verifyRun(grades.get('solved'), 'pass');
  const known = new Set(['setup', 'unsolved', 'solve', 'solved']);
  const problems = proof.phases
    .filter((phase) => !phase.ok && !known.has(phase.phase) && !phase.phase.startsWith('create '))
    .map((phase) => `${phase.phase}: ${phase.detail ?? 'failed'}`);
  return {
    ok: proof.ok,
    nodes,
    ...(cluster ? { cluster } : {}),
    ...(setup ? { setup } : {}),
    ...(before ? { before } : {}),
    ...(solution ? { solution } : {}),
    ...(after ? { after } : {}),
    problems,
    importMs,
    checkMs: proof.proofMs,
  };
}

function verifyRun(grade: GradeResult | undefined, expected: VerifyRun['expected']): VerifyRun | undefined {
  if (!grade) return undefined;
  return {
    expected,
    durationMs: grade.durationMs,
    steps: grade.tasks.map((task) => {
      const check = task.checks.find((c) => c.status !== expected) ?? task.checks[0];
      return {
        step: `${task.id.replace(/^step-/, 'step ')} "${task.title}"`,
        status: task.status,
        message: check ? `${check.id}: ${check.message}` : 'no check',
      };
    }),
  };
}
