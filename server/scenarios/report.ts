import type { CheckResult, CheckStatus, GradeResult } from '../../grader/index.js';
import { formatDuration } from '../cli/progress-printer.js';
import type { ProofRun, ScenarioTestReport } from './harness.js';
import type { LoadedScenario } from './loader.js';
import { byCurriculum } from './catalog-order.js';
import { formatTable } from './table.js';

const MARK: Record<CheckStatus, string> = { pass: '✓', fail: '✗', error: '!' };

export function formatCatalog(scenarios: readonly LoadedScenario[]): string {
  return formatTable(
    ['ID', 'DOMAIN', 'DIFFICULTY', 'MINUTES', 'NODES', 'TITLE'],
    [...scenarios]
      .sort((a, b) => byCurriculum(a.spec, b.spec))
      .map(({ spec }) => [
        spec.id,
        spec.domain,
        spec.difficulty,
        String(spec.minutes),
        String(spec.nodes),
        spec.title,
      ]),
  );
}

/** Per-task table, then each check with its message, hints for unfinished tasks, and the total. */
export function formatGrade(grade: GradeResult): string {
  const lines = [
    formatTable(
      ['TASK', 'STATUS', 'SCORE', 'TITLE'],
      grade.tasks.map((task) => [
        task.id,
        task.status.toUpperCase(),
        `${round(task.score)}/${round(task.weight)}`,
        task.title,
      ]),
    ),
    '',
  ];
  for (const task of grade.tasks) {
    lines.push(`${MARK[task.status]} ${task.id}`);
    for (const check of task.checks) lines.push(...formatCheck(check, '    '));
    for (const hint of task.hints) lines.push(`    hint: ${hint}`);
  }
  lines.push(
    '',
    `score ${grade.percent}% (${round(grade.score)}/${round(grade.maxScore)}), graded in ${formatDuration(grade.durationMs)}`,
  );
  return lines.join('\n');
}

function formatCheck(check: CheckResult, indent: string): string[] {
  const lines = [`${indent}${MARK[check.status]} ${check.id}: ${check.message}`];
  if (check.hint) lines.push(`${indent}  hint: ${check.hint}`);
  if (check.status !== 'pass')
    for (const child of check.children ?? []) lines.push(...formatCheck(child, `${indent}  `));
  return lines;
}

/** Scenarios the catalog is meant to hold; the projection says whether their proof would fit in CI. */
export const PROJECTED_CATALOG_SIZE = 50;

/**
 * One row per scenario (setup time, grade time, result of each phase, cluster time of its proof), then the
 * reasons for every mismatch; with the run's figures, the wall time and its projection to a 50-scenario catalog.
 */
export function formatTestReports(
  reports: readonly ScenarioTestReport[],
  run?: Pick<ProofRun, 'wallMs' | 'jobs' | 'parallel'>,
): string {
  const rows = reports.map((report) => {
    const phase = (name: string) => report.phases.find((p) => p.phase === name);
    const mark = (name: string) => {
      const outcome = phase(name);
      return outcome ? (outcome.ok ? 'ok' : 'MISMATCH') : '-';
    };
    const answers = (prefix: string) => {
      const graded = report.phases.filter((p) => p.phase.startsWith(prefix) && !p.phase.includes(' '));
      return graded.length ? `${graded.filter((p) => p.ok).length}/${graded.length} ok` : '-';
    };
    return [
      report.id,
      report.setupMs === undefined ? '-' : formatDuration(report.setupMs),
      report.gradeMs === undefined ? '-' : formatDuration(report.gradeMs),
      mark('unsolved'),
      mark('solved'),
      answers('wrong:'),
      answers('alt:'),
      formatDuration(report.proofMs),
      report.ok ? 'PASS' : 'FAIL',
    ];
  });
  const table = formatTable(
    [
      'SCENARIO',
      'SETUP',
      'GRADE',
      'UNSOLVED→FAIL',
      'SOLVED→PASS',
      'WRONG ANSWERS→FAIL',
      'ALTERNATIVES→PASS',
      'PROOF',
      'RESULT',
    ],
    rows,
  );
  const problems = reports.flatMap((report) =>
    report.phases.filter((p) => !p.ok).map((p) => `  ${report.id} ${p.phase}: ${p.detail ?? 'failed'}`),
  );
  const kept = reports.flatMap((r) => r.keptClusters);
  return [
    table,
    ...(run && reports.length ? ['', formatProofRun(reports.length, run)] : []),
    ...(problems.length ? ['', 'mismatches and failures:', ...problems] : []),
    ...(kept.length ? ['', `clusters kept (--keep): ${kept.join(', ')}`] : []),
  ].join('\n');
}

/** "5 scenarios, 19 fresh clusters, 2 at a time: 6m10s (74.0s per scenario); 50 scenarios ≈ 61m40s" */
export function formatProofRun(
  scenarios: number,
  run: Pick<ProofRun, 'wallMs' | 'jobs' | 'parallel'>,
): string {
  const perScenario = run.wallMs / scenarios;
  return (
    `${scenarios} scenario(s), ${run.jobs} fresh cluster(s), ${run.parallel} at a time: ` +
    `${formatDuration(run.wallMs)} (${(perScenario / 1000).toFixed(1)}s per scenario); ` +
    `${PROJECTED_CATALOG_SIZE} scenarios ≈ ${formatDuration(perScenario * PROJECTED_CATALOG_SIZE)}`
  );
}

function round(value: number): string {
  return String(Math.round(value * 100) / 100);
}
