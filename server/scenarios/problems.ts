import { relative } from 'node:path';

/** One thing wrong with a scenario, located as precisely as we can: file, line, column and field path. */
export interface Problem {
  file: string;
  line?: number;
  col?: number;
  /** Field path in the scenario document, e.g. tasks[0].checks[1].kind. */
  field?: string;
  message: string;
}

/** `scenarios/x/scenario.yaml:14:7 tasks[0].checks[1].kind: expected one of …` (file relative to cwd). */
export function formatProblem(problem: Problem, cwd = process.cwd()): string {
  const shown = relative(cwd, problem.file) || problem.file;
  const where = problem.line ? `${shown}:${problem.line}:${problem.col ?? 1}` : shown;
  return `${where} ${problem.field ? `${problem.field}: ` : ''}${problem.message}`;
}

export function formatFieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((segment, i) => {
      if (typeof segment === 'number') return `[${segment}]`;
      const key = String(segment);
      if (!/^[A-Za-z_$][\w$-]*$/.test(key)) return `[${JSON.stringify(key)}]`;
      return i === 0 ? key : `.${key}`;
    })
    .join('');
}
