import type { CheckStatus } from '../../grader/index.js';

/** One step's verify as graded: its task's status and the check's message. */
export interface StepVerdict {
  /** `step N "title"` */
  step: string;
  status: CheckStatus;
  message: string;
}

/** Every step's verify at one moment of the check. */
export interface VerifyRun {
  expected: 'fail' | 'pass';
  steps: StepVerdict[];
  durationMs: number;
}

/** A phase that runs something: cluster create, setup, solution. */
export interface PhaseRun {
  ok: boolean;
  durationMs: number;
  error?: string;
}

/**
 * `scenario import --check`: the imported scenario proven on a fresh cluster by the `scenario test` harness
 * (setup → verify before the solution → solution → verify after it).
 */
export interface ImportCheck {
  /** every phase as expected */
  ok: boolean;
  nodes: number;
  /** why nothing ran (the output does not lint) */
  notRun?: string;
  cluster?: PhaseRun;
  setup?: PhaseRun;
  /** expected: every verify fails */
  before?: VerifyRun;
  solution?: PhaseRun;
  /** expected: every verify passes */
  after?: VerifyRun;
  /** anything else that went wrong: the harness itself, deleting the cluster */
  problems: string[];
  importMs: number;
  /** cluster time of the check, create to delete (0 when it did not run) */
  checkMs: number;
}

const MAX_MESSAGE = 400;
const seconds = (ms: number) => (ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`);
const code = (text: string) => {
  const line = text.replace(/`/g, "'").replace(/\s+/g, ' ').trim();
  return `\`${line.length > MAX_MESSAGE ? `${line.slice(0, MAX_MESSAGE)}…` : line}\``;
};

const wrongSteps = (run: VerifyRun) => run.steps.filter((step) => step.status !== run.expected);

/** What did not go as expected, one short phrase each; empty when the check passed. */
export function checkMismatches(check: ImportCheck): string[] {
  if (check.notRun) return [`not run: ${check.notRun}`];
  const out: string[] = [];
  if (check.cluster && !check.cluster.ok) out.push('the cluster could not be created');
  if (check.setup && !check.setup.ok) out.push('setup failed');
  for (const run of [check.before, check.after]) {
    if (!run) continue;
    const when = run.expected === 'fail' ? 'before' : 'after';
    const wrong = wrongSteps(run);
    if (wrong.length)
      out.push(
        `verify does not ${run.expected} ${when} the solution in ${wrong.map((step) => step.step.split(' "')[0]).join(', ')}`,
      );
  }
  if (check.solution && !check.solution.ok) out.push('the solution failed');
  out.push(...check.problems);
  if (!out.length && !check.ok) out.push('a phase failed (see the log)');
  return out;
}

const counted = (run: VerifyRun | undefined, verb: string, when: string) =>
  run
    ? `verify ${verb} in ${run.steps.filter((step) => step.status === run.expected).length} of ${run.steps.length} step(s) ${when} the solution`
    : `verify ${when} the solution not run`;

/** One line: the IMPORT.md summary list and the terminal. */
export function checkSummaryLine(check: ImportCheck): string {
  if (check.notRun) return `not run: ${check.notRun}`;
  const mismatches = checkMismatches(check);
  const result = mismatches.length ? `FAILED (${mismatches.join('; ')})` : 'passed';
  const facts = [
    `setup ${check.setup ? (check.setup.ok ? 'ok' : 'failed') : 'not run'}`,
    counted(check.before, 'fails', 'before'),
    counted(check.after, 'passes', 'after'),
  ];
  return `${result}: ${facts.join(', ')}`;
}

function phaseLine(label: string, phase: PhaseRun | undefined, notRun: string): string {
  if (!phase) return `- ${label}: not run (${notRun})`;
  if (phase.ok) return `- ${label}: ok in ${seconds(phase.durationMs)}`;
  return `- ${label}: **failed** after ${seconds(phase.durationMs)}: ${code(phase.error ?? 'no message')}`;
}

function verifyLines(label: string, run: VerifyRun | undefined, notRun: string): string[] {
  if (!run) return [`- ${label}: not run (${notRun})`];
  const wrong = wrongSteps(run);
  return [
    `- ${label}: ${wrong.length ? `**${wrong.length} mismatch(es)**` : 'as expected'} (graded in ${seconds(run.durationMs)})`,
    ...run.steps.map((step) =>
      step.status === run.expected
        ? `  - ${step.step}: ${step.status}, as expected: ${code(step.message)}`
        : `  - ${step.step}: **${step.status}, expected ${run.expected}**: ${code(step.message)}`,
    ),
  ];
}

/** The "Check on a real cluster" section of IMPORT.md. */
export function formatCheckSection(check: ImportCheck, id: string): string[] {
  const head = ['## Check on a real cluster', ''];
  if (check.notRun) return [...head, `Not run: ${check.notRun}.`];
  const mismatches = checkMismatches(check);
  const why = !check.cluster?.ok
    ? 'no cluster'
    : !check.setup?.ok
      ? 'setup failed'
      : !check.solution
        ? 'an earlier phase failed'
        : 'the solution failed';
  const timings = [
    `import ${seconds(check.importMs)}`,
    ...(check.cluster ? [`cluster create ${seconds(check.cluster.durationMs)}`] : []),
    ...(check.setup ? [`setup ${seconds(check.setup.durationMs)}`] : []),
    ...(check.before ? [`grade before the solution ${seconds(check.before.durationMs)}`] : []),
    ...(check.solution ? [`solution ${seconds(check.solution.durationMs)}`] : []),
    ...(check.after ? [`grade after it ${seconds(check.after.durationMs)}`] : []),
    `whole check ${seconds(check.checkMs)} (cluster create to delete)`,
  ];
  return [
    ...head,
    `\`scenario import --check\` ran ${id} on a fresh ${check.nodes}-node kind cluster with the \`scenario test\` ` +
      'harness: setup, every verify (expected to fail), the solution marked in the instructions, every verify ' +
      '(expected to pass).',
    '',
    mismatches.length
      ? `**Result: FAILED**: ${mismatches.join('; ')}.`
      : '**Result: passed**: setup ran, every verify failed before the solution and passed after it.',
    '',
    ...(check.cluster && !check.cluster.ok ? [phaseLine('Cluster', check.cluster, '')] : []),
    phaseLine('Setup', check.setup, 'no cluster'),
    ...verifyLines('Verify before the solution (expected: fail)', check.before, why),
    phaseLine('Solution', check.solution, why),
    ...verifyLines('Verify after the solution (expected: pass)', check.after, why),
    `- Timings: ${timings.join(', ')}`,
    ...(check.problems.length ? [`- Other problems: ${check.problems.map(code).join('; ')}`] : []),
  ];
}
