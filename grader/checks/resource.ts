import { describeObject, describeRef, findObjects, type KubeObject } from '../kube/objects.js';
import type { ResourceCheck } from '../schema/leaf-checks.js';
import type { Verdict } from '../types.js';
import { assertValue, type AssertionOutcome } from '../value/assert.js';
import { fail, pass, type CheckEnv } from './env.js';

const MAX_NAMES = 5;

export async function evaluateResource(check: ResourceCheck, env: CheckEnv): Promise<Verdict> {
  const objects = await findObjects(await env.kube(), check.resource, env.signal);
  const subject = describeRef(check.resource);
  const byName = Boolean(check.resource.name);

  if (check.expect === 'absent') {
    if (objects.length === 0) return pass(`${subject}: none exist, as required`);
    return fail(
      byName
        ? `expected ${subject} to be absent, but it exists`
        : `expected no ${subject}, found ${listNames(objects)}`,
    );
  }
  if (check.count) {
    const { equals, min, max } = check.count;
    const n = objects.length;
    const ok =
      (equals === undefined || n === equals) &&
      (min === undefined || n >= min) &&
      (max === undefined || n <= max);
    if (!ok) return fail(`expected ${countPhrase(check.count)} ${subject}, found ${listNames(objects)}`);
  } else if (objects.length === 0) {
    return fail(
      byName
        ? `expected ${subject} to exist, but it was not found`
        : `expected at least one of ${subject}, found none`,
    );
  }
  if (!check.fields) {
    return pass(byName ? `${subject} exists` : `${subject}: found ${listNames(objects)}`);
  }
  return evaluateFields(check, objects, subject);
}

function evaluateFields(check: ResourceCheck, objects: KubeObject[], subject: string): Verdict {
  const fields = check.fields ?? [];
  const results = objects.map((object) => ({
    object,
    outcomes: fields.map((field) => assertValue(object, field)),
  }));
  const failing = results.filter((r) => r.outcomes.some((o) => !o.ok));
  const kind = check.resource.kind;

  if (check.quantifier === 'any') {
    const satisfied = results.find((r) => r.outcomes.every((o) => o.ok));
    if (satisfied) return pass(`${describeObject(satisfied.object, kind)}: ${passed(satisfied.outcomes)}`);
    const first = failing[0];
    return fail(
      `expected at least one of ${subject} to satisfy the check; none does` +
        (first ? ` — ${describeObject(first.object, kind)}: ${failed(first.outcomes)}` : ''),
    );
  }
  const first = failing[0];
  if (!first) {
    const who = objects.length === 1 && objects[0] ? describeObject(objects[0], kind) : subject;
    return pass(
      objects.length === 0 ? `${subject}: none exist` : `${who}: ${passed(results[0]?.outcomes ?? [])}`,
    );
  }
  const others = failing.length - 1;
  return fail(
    `${describeObject(first.object, kind)}: ${failed(first.outcomes)}` +
      (others > 0 ? ` (and ${others} more of ${subject})` : ''),
  );
}

function failed(outcomes: AssertionOutcome[]): string {
  return outcomes
    .filter((o) => !o.ok)
    .map((o) => `expected ${o.expectation}, found: ${o.found}`)
    .join('; ');
}

function passed(outcomes: AssertionOutcome[]): string {
  return outcomes.map((o) => `${o.statement} (found: ${o.found})`).join('; ');
}

function countPhrase(count: NonNullable<ResourceCheck['count']>): string {
  if (count.equals !== undefined) return `exactly ${count.equals}`;
  if (count.min !== undefined && count.max !== undefined) return `between ${count.min} and ${count.max}`;
  return count.min !== undefined ? `at least ${count.min}` : `at most ${count.max ?? 0}`;
}

function listNames(objects: KubeObject[]): string {
  if (objects.length === 0) return 'none';
  const names = objects.slice(0, MAX_NAMES).map((o) => `"${o.metadata?.name ?? '?'}"`);
  const more = objects.length > MAX_NAMES ? `, … ${objects.length - MAX_NAMES} more` : '';
  return `${objects.length}: ${names.join(', ')}${more}`;
}
