import { basename } from 'node:path';
import { formatFieldPath, type Problem } from './problems.js';
import { manifestProblems } from './references.js';
import type { Scenario } from './schema.js';
import { eachCheck, eachStep, walkCheck, type FieldPath } from './walk.js';
import type { YamlSource } from './yaml-source.js';

/** Rules a schema cannot express: ids, references between parts, node roles, inline manifests. */
export function consistencyProblems(scenario: Scenario, dir: string, source: YamlSource): Problem[] {
  const problems: Problem[] = [];
  const report = (path: FieldPath, message: string) => problems.push(source.problemAt(path, message));

  const folder = basename(dir);
  if (scenario.id !== folder)
    report(['id'], `must equal the folder name "${folder}", found "${scenario.id}"`);

  duplicates(
    scenario.tasks.map((task, t) => ({ id: task.id, path: ['tasks', t, 'id'] })),
    (id) => `duplicate task id "${id}"`,
    report,
  );
  scenario.tasks.forEach((task, t) => {
    const ids: { id: string; path: FieldPath }[] = [];
    task.checks.forEach((check, c) =>
      walkCheck(check, ['tasks', t, 'checks', c], (ch, p) => ids.push({ id: ch.id, path: [...p, 'id'] })),
    );
    duplicates(ids, (id) => `duplicate check id "${id}" in task "${task.id}"`, report);
  });
  duplicates(
    [
      ...scenario.wrongAnswers.map((w, i) => ({
        id: w.name,
        path: ['wrongAnswers', i, 'name'] as FieldPath,
      })),
      ...scenario.alternatives.map((a, i) => ({
        id: a.name,
        path: ['alternatives', i, 'name'] as FieldPath,
      })),
    ],
    (id) => `duplicate wrong answer or alternative name "${id}"`,
    report,
  );

  scenario.wrongAnswers.forEach((answer, a) =>
    answer.mustFail.forEach((ref, r) => {
      const resolved = resolveMustFail(scenario, ref);
      if (typeof resolved === 'string') report(['wrongAnswers', a, 'mustFail', r], resolved);
    }),
  );

  if (scenario.nodes === 1) {
    const workerOnly = (path: FieldPath) =>
      report(
        [...path, 'node'],
        'this scenario has one node ("nodes: 1"); use control-plane or set "nodes: 2"',
      );
    eachCheck(scenario, (check, path) => {
      if ('node' in check && check.node === 'worker') workerOnly(path);
    });
    eachStep(scenario, (step, path) => {
      if ('node' in step && step.node === 'worker') workerOnly(path);
    });
  }

  const inline = (path: FieldPath, text: string) =>
    problems.push(
      ...manifestProblems(source.file, text, {
        lineOffset: source.textLineOffset(path),
        field: formatFieldPath(path),
      }),
    );
  eachStep(scenario, (step, path) => {
    if (step.kind === 'apply' && step.manifest) inline([...path, 'manifest'], step.manifest);
  });
  eachCheck(scenario, (check, path) => {
    if (check.kind === 'admission' && typeof check.manifest === 'string')
      inline([...path, 'manifest'], check.manifest);
  });
  return problems;
}

function duplicates(
  entries: { id: string; path: FieldPath }[],
  message: (id: string) => string,
  report: (path: FieldPath, message: string) => void,
): void {
  const seen = new Set<string>();
  for (const { id, path } of entries) {
    if (seen.has(id)) report(path, message(id));
    seen.add(id);
  }
}

/** What a mustFail entry names: a task, a check in a task, or a problem description. */
export type MustFailTarget = { task: string; check?: string };

/** `task`, `task/check`, or a check id that is unique in the scenario. */
export function resolveMustFail(scenario: Scenario, ref: string): MustFailTarget | string {
  const [first = '', second] = ref.split('/');
  if (second !== undefined) {
    const task = scenario.tasks.find((t) => t.id === first);
    if (!task) return `"${ref}": no task "${first}"`;
    const found = task.checks.some((check) => hasCheckId(check, second));
    return found ? { task: first, check: second } : `"${ref}": task "${first}" has no check "${second}"`;
  }
  if (scenario.tasks.some((t) => t.id === ref)) return { task: ref };
  const owners = scenario.tasks
    .filter((t) => t.checks.some((check) => hasCheckId(check, ref)))
    .map((t) => t.id);
  if (owners.length === 1 && owners[0]) return { task: owners[0], check: ref };
  if (owners.length > 1)
    return `"${ref}" is a check in several tasks (${owners.join(', ')}); write "task/${ref}"`;
  return `"${ref}" is neither a task id nor a check id of this scenario`;
}

function hasCheckId(check: Parameters<typeof walkCheck>[0], id: string): boolean {
  let found = false;
  walkCheck(check, [], (c) => (found ||= c.id === id));
  return found;
}
