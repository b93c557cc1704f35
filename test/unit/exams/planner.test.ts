import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { conflictReasons } from '../../../server/exams/conflicts.js';
import { ExamPlanError, planExam } from '../../../server/exams/planner.js';
import type { ExamPlan, ExamScenario, ExamSet } from '../../../server/exams/types.js';

function scenario(id: string, claims: Partial<ExamScenario> = {}): ExamScenario {
  return {
    id,
    domain: 'Cluster Setup',
    minutes: 10,
    nodes: 1,
    features: [],
    tasks: [{ id: 'task', title: 'Task', weight: 1 }],
    globalState: [],
    namespaces: [id],
    serviceIps: [],
    ...claims,
  };
}

const exam = (...scenarios: ExamScenario[]): ExamSet => ({ id: 'T', title: 'test', scenarios });

/** Scenario id → cluster index: the placement, whatever order the plan lists clusters' members in. */
function placement(plan: ExamPlan): Record<string, number> {
  return Object.fromEntries(plan.clusters.flatMap((c) => c.scenarios.map((id) => [id, c.index])));
}

/** Every pair of scenarios that shares a cluster, with what they conflict on (must be nothing). */
function clashes(set: ExamSet, plan: ExamPlan): string[] {
  const byId = new Map(set.scenarios.map((s) => [s.id, s]));
  return plan.clusters.flatMap((cluster) =>
    cluster.scenarios.flatMap((a, i) =>
      cluster.scenarios.slice(i + 1).flatMap((b) => {
        const reasons = conflictReasons(byId.get(a) as ExamScenario, byId.get(b) as ExamScenario);
        return reasons.length ? [`${a}/${b}: ${reasons.join(', ')}`] : [];
      }),
    ),
  );
}

describe('exam planner', () => {
  it('keeps scenarios that change the same global state on different clusters', () => {
    const set = exam(
      scenario('audit', { globalState: ['kube-apiserver-manifest', 'audit-config'] }),
      scenario('encryption', { globalState: ['kube-apiserver-manifest'] }),
      scenario('kubelet', { globalState: ['kubelet-config'] }),
      scenario('cis', { globalState: ['kubelet-config', 'kube-apiserver-manifest'] }),
      scenario('netpol'),
    );
    const plan = planExam(set);
    assert.equal(plan.clusters.length, 3, 'three scenarios change the API server manifest');
    assert.deepEqual(clashes(set, plan), []);
    const at = placement(plan);
    assert.notEqual(at.audit, at.encryption);
    assert.notEqual(at.kubelet, at.cis);
    assert.deepEqual(
      plan.clusters.find((c) => c.scenarios.includes('audit'))?.globalState.includes('audit-config'),
      true,
    );
  });

  it('keeps scenarios that use the same namespace or Service IP apart', () => {
    // by minutes alone (30 + 5 against 20 + 15) the two shop scenarios would share the first cluster
    const set = exam(
      scenario('netpol', { namespaces: ['shop', 'partner'], minutes: 30 }),
      scenario('spread', { namespaces: ['orders'], minutes: 20 }),
      scenario('fill', { namespaces: ['billing'], minutes: 15 }),
      scenario('immutable', { namespaces: ['shop'], minutes: 5 }),
    );
    const plan = planExam(set);
    assert.deepEqual(clashes(set, plan), []);
    assert.notEqual(placement(plan).netpol, placement(plan).immutable);

    const ips = exam(
      scenario('netpol', { serviceIps: ['10.96.0.80'], minutes: 30 }),
      scenario('spread', { minutes: 20 }),
      scenario('fill', { minutes: 15 }),
      scenario('same-ip', { serviceIps: ['10.96.0.80'], minutes: 5 }),
    );
    assert.notEqual(placement(planExam(ips)).netpol, placement(planExam(ips))['same-ip']);
    assert.deepEqual(conflictReasons(ips.scenarios[0] as ExamScenario, ips.scenarios[3] as ExamScenario), [
      'both ask for Service IP 10.96.0.80',
    ]);
  });

  it('uses two clusters when nothing conflicts, spread by minutes', () => {
    const plan = planExam(
      exam(scenario('a', { minutes: 30 }), scenario('b', { minutes: 20 }), scenario('c', { minutes: 10 })),
    );
    assert.deepEqual(
      plan.clusters.map((c) => [c.scenarios, c.minutes]),
      [
        [['a'], 30],
        [['b', 'c'], 30],
      ],
    );
  });

  it('makes a cluster two nodes when one of its scenarios needs a worker, and unions features', () => {
    const plan = planExam(
      exam(
        scenario('ssh-worker', { nodes: 2, minutes: 20 }),
        scenario('gvisor', { features: ['gvisor'], minutes: 15 }),
        scenario('plain', { minutes: 5 }),
      ),
    );
    const clusterOf = (id: string) => plan.clusters.find((c) => c.scenarios.includes(id));
    assert.equal(clusterOf('ssh-worker')?.nodes, 2);
    assert.equal(clusterOf('gvisor')?.nodes, 1);
    assert.deepEqual(clusterOf('gvisor')?.features, ['gvisor']);
  });

  it('refuses four scenarios that all conflict, naming them and what they share', () => {
    const apiserver = { globalState: ['kube-apiserver-manifest'] };
    const set = exam(
      scenario('a', apiserver),
      scenario('b', apiserver),
      scenario('c', apiserver),
      scenario('d', apiserver),
      scenario('e'),
    );
    assert.throws(
      () => planExam(set),
      (error: unknown) =>
        error instanceof ExamPlanError &&
        /cannot be placed on 3 clusters: 4 scenarios conflict with each other/.test(error.message) &&
        error.message.includes('a / d: both change kube-apiserver-manifest') &&
        !error.message.includes('e /') &&
        error.message.endsWith('remove 1 of them from the set'),
    );
    assert.equal(planExam(set, { maxClusters: 4 }).clusters.length, 4, 'fits when four clusters are allowed');
  });

  it('refuses conflicts that need four clusters without four scenarios conflicting pairwise', () => {
    // a wheel: a five-cycle (needs three clusters) whose every member also conflicts with a hub; no four of
    // them conflict pairwise, yet three clusters cannot hold them
    const ring = [0, 1, 2, 3, 4].map((i) =>
      scenario(`r${i}`, { namespaces: [`edge-${i}`, `edge-${(i + 4) % 5}`, `spoke-${i}`] }),
    );
    const hub = scenario('hub', { namespaces: [0, 1, 2, 3, 4].map((i) => `spoke-${i}`) });
    const set = [...ring, hub];
    assert.throws(
      () => planExam(exam(...set)),
      (error: unknown) =>
        error instanceof ExamPlanError &&
        error.message.includes('without two conflicting scenarios sharing one') &&
        error.message.includes('r0 / r1: both use namespace edge-0'),
    );
  });

  it('is deterministic: the same set, in any order, gives the same placement', () => {
    const scenarios = [
      scenario('a', { globalState: ['kubelet-config'], minutes: 15 }),
      scenario('b', { globalState: ['kubelet-config'], minutes: 25 }),
      scenario('c', { namespaces: ['shop'], minutes: 12 }),
      scenario('d', { namespaces: ['shop'], minutes: 12 }),
      scenario('e', { minutes: 20 }),
      scenario('f', { minutes: 8 }),
    ];
    const first = planExam(exam(...scenarios));
    assert.deepEqual(planExam(exam(...scenarios)), first);
    assert.deepEqual(placement(planExam(exam(...[...scenarios].reverse()))), placement(first));
  });

  it('refuses a set that lists a scenario twice or nothing at all', () => {
    assert.throws(() => planExam(exam(scenario('a'), scenario('a'))), /lists scenario a twice/);
    assert.throws(() => planExam(exam()), /has no scenarios/);
  });
});
