import type { Check } from '../../grader/index.js';
import type { Scenario } from './schema.js';
import type { Step } from './step-schema.js';

export type FieldPath = PropertyKey[];

/** Every check of every task, nested ones included, with its path in the scenario document. */
export function eachCheck(
  scenario: Scenario,
  visit: (check: Check, path: FieldPath, taskIndex: number) => void,
): void {
  scenario.tasks.forEach((task, t) =>
    task.checks.forEach((check, c) =>
      walkCheck(check, ['tasks', t, 'checks', c], (ch, p) => visit(ch, p, t)),
    ),
  );
}

export function walkCheck(
  check: Check,
  path: FieldPath,
  visit: (check: Check, path: FieldPath) => void,
): void {
  visit(check, path);
  if (check.kind === 'not') walkCheck(check.check, [...path, 'check'], visit);
  if (check.kind === 'allOf' || check.kind === 'anyOf') {
    check.checks.forEach((child, i) => walkCheck(child, [...path, 'checks', i], visit));
  }
}

/** Every step: setup, solution, each wrong answer's and each alternative's steps, with its path. */
export function eachStep(scenario: Scenario, visit: (step: Step, path: FieldPath) => void): void {
  scenario.setup.forEach((step, i) => visit(step, ['setup', i]));
  scenario.solution.forEach((step, i) => visit(step, ['solution', i]));
  scenario.wrongAnswers.forEach((answer, a) =>
    answer.steps.forEach((step, i) => visit(step, ['wrongAnswers', a, 'steps', i])),
  );
  scenario.alternatives.forEach((answer, a) =>
    answer.steps.forEach((step, i) => visit(step, ['alternatives', a, 'steps', i])),
  );
}
