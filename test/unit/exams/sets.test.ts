import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
  CURRICULUM_PERCENT,
  EXAM_SETS,
  ExamDefinitionError,
  MAX_DOMAIN_DRIFT,
  MAX_TASKS,
  MIN_TASKS,
  composeExam,
  conflictReasons,
  loadExamCatalog,
  planExam,
  resolveExam,
  summarizeExam,
  type ExamCatalog,
  type ExamSet,
} from '../../../server/exams/index.js';
import { CKS_DOMAINS } from '../../../server/scenarios/schema.js';

function assertSound(set: ExamSet): void {
  const summary = summarizeExam(set);
  assert.ok(
    summary.tasks >= MIN_TASKS && summary.tasks <= MAX_TASKS,
    `${set.id}: ${summary.tasks} tasks, expected ${MIN_TASKS}–${MAX_TASKS}`,
  );
  for (const domain of summary.domains) {
    assert.ok(domain.tasks > 0, `${set.id}: no task in ${domain.domain}`);
    assert.ok(
      Math.abs(domain.percent - CURRICULUM_PERCENT[domain.domain]) <= MAX_DOMAIN_DRIFT,
      `${set.id}: ${domain.domain} is ${domain.percent}% of the weight, the curriculum says ${domain.target}%`,
    );
  }
  const plan = planExam(set);
  assert.ok(
    plan.clusters.length >= 2 && plan.clusters.length <= 3,
    `${set.id}: ${plan.clusters.length} clusters`,
  );
  const byId = new Map(set.scenarios.map((s) => [s.id, s]));
  const placed = plan.clusters.flatMap((c) => c.scenarios).sort();
  assert.deepEqual(placed, set.scenarios.map((s) => s.id).sort(), `${set.id}: every scenario is placed once`);
  for (const cluster of plan.clusters) {
    cluster.scenarios.forEach((a, i) =>
      cluster.scenarios.slice(i + 1).forEach((b) => {
        const reasons = conflictReasons(byId.get(a) as never, byId.get(b) as never);
        assert.deepEqual(reasons, [], `${set.id}: ${a} and ${b} share cluster ${cluster.index}`);
      }),
    );
  }
}

describe('exam sets from the catalog', () => {
  let catalog: ExamCatalog;
  before(async () => {
    catalog = await loadExamCatalog();
  });

  it('has sets A, B and C', () => {
    assert.deepEqual(
      EXAM_SETS.map((set) => set.id),
      ['A', 'B', 'C'],
    );
  });

  for (const definition of EXAM_SETS) {
    it(`set ${definition.id}: 15–20 tasks, all six domains near the curriculum weights, placed on 2–3 clusters`, () =>
      assertSound(composeExam(definition, catalog)));
  }

  it('reads namespaces and fixed Service IPs from the manifests scenarios apply', () => {
    const netpol = catalog.get('netpol-default-deny');
    assert.deepEqual(netpol?.namespaces, ['partner', 'shop']);
    assert.deepEqual(netpol?.serviceIps, ['10.96.0.80', '10.96.0.81', '10.96.0.90']);
    assert.deepEqual(catalog.get('secrets-at-rest')?.namespaces, ['default', 'payments']);
    assert.deepEqual(catalog.get('api-access')?.globalState, [
      'kube-apiserver-manifest',
      'authentication-config',
    ]);
  });

  it('keeps a subset of tasks and shrinks the minutes with their weight', () => {
    const set = composeExam(
      { id: 'x', title: 'x', entries: [{ scenario: 'rbac-least-privilege', tasks: ['jane-rbac'] }] },
      catalog,
    );
    const [only] = set.scenarios;
    assert.deepEqual(
      only?.tasks.map((t) => t.id),
      ['jane-rbac'],
    );
    assert.equal(only?.minutes, Math.round((25 * 3) / 8));
  });

  it('names an unknown scenario or task and what exists instead', () => {
    assert.throws(
      () => composeExam({ id: 'x', title: 'x', entries: [{ scenario: 'no-such' }] }, catalog),
      (error: unknown) => error instanceof ExamDefinitionError && /no scenario "no-such"/.test(error.message),
    );
    assert.throws(
      () =>
        composeExam({ id: 'x', title: 'x', entries: [{ scenario: 'seccomp', tasks: ['nope'] }] }, catalog),
      /scenario seccomp has no task "nope" \(its tasks: api-runtime-default, uploader-localhost-profile\)/,
    );
  });

  it('resolves ids in any case, refuses unknown ones with the ids it knows', () => {
    assert.equal(resolveExam('b', catalog).id, 'B');
    assert.throws(() => resolveExam('D', catalog), /no exam "D": use A, B, C, or random:<seed>/);
    assert.throws(() => resolveExam('random:x', catalog), /no exam "random:x"/);
  });

  it('random:<seed> is the same set for the same seed, differs between seeds, and is sound', () => {
    const sets = [1, 2, 42, 2024].map((seed) => resolveExam(`random:${seed}`, catalog));
    const ids = (set: ExamSet) => set.scenarios.map((s) => s.id).join(',');
    assert.equal(ids(resolveExam('random:42', catalog)), ids(sets[2] as ExamSet));
    assert.ok(new Set(sets.map(ids)).size > 1, 'different seeds give different sets');
    for (const set of sets) {
      assertSound(set);
      assert.deepEqual(
        CKS_DOMAINS.filter((d) => !set.scenarios.some((s) => s.domain === d)),
        [],
        `${set.id} covers every domain`,
      );
    }
  });
});
