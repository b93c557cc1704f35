// Issue 12 items 2 and 5: a whole small exam end to end on real clusters: the planner's placement (two clusters),
// `ssh cks-exam-N` from every control-plane into every cluster, every scenario set up on its cluster, then graded
// as the exam grades: nothing solved → 0 %, one scenario solved → exactly its tasks' share of the weight,
// everything solved → 100 %.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { composeExam, loadExamCatalog, planExam, type ExamDefinition } from '../../server/exams/index.js';
import { EXAM_HOST_PREFIX } from '../../server/exams/hosts.js';
import { ExamRun } from '../../server/exams/runner.js';
import { networkExists } from '../../server/clusters/kind/docker.js';
import { createLogger } from '../../server/log.js';
import { DEFAULT_SCENARIOS_DIR, loadCatalog } from '../../server/scenarios/loader.js';
import { clusterTier, figure } from './support.js';

const tier = await clusterTier();

/** Three quick scenarios of three domains; the planner spreads them over two clusters. */
const MINI: ExamDefinition = {
  id: 'mini',
  title: 'Mini exam for the cluster tier',
  entries: [
    { scenario: 'kubesec-fix' },
    { scenario: 'verify-binaries' },
    { scenario: 'netpol-default-deny' },
  ],
};
const SOLVED_FIRST = 'kubesec-fix';

test(
  'a small exam on two clusters: 0 % unsolved, the exact weighted share, then 100 %',
  { skip: !tier },
  async () => {
    if (!tier) return;
    const set = composeExam(MINI, await loadExamCatalog());
    const plan = planExam(set);
    assert.equal(plan.clusters.length, 2, 'the planner uses two clusters');
    const { scenarios } = await loadCatalog(DEFAULT_SCENARIOS_DIR);
    const catalog = new Map(scenarios.map((s) => [s.id, s]));
    const logger = createLogger('exam-run');

    const started = Date.now();
    const run = await ExamRun.setUp(set, plan, catalog, {
      provider: tier.provider,
      logger,
      image: tier.image,
    });
    try {
      figure('exam_ready_seconds', ((Date.now() - started) / 1000).toFixed(1));
      for (const planned of plan.clusters) {
        const cluster = run.clusters.find((c) => c.index === planned.index);
        assert.deepEqual(
          cluster?.scenarios.map((s) => s.id),
          planned.scenarios,
          `cluster ${planned.index} holds what the plan placed`,
        );
      }

      // the exam's hops: from each control-plane, `ssh cks-exam-N kubectl …` runs in cluster N
      const namespacesOf = (index: number): string[] =>
        set.scenarios
          .filter((sc) => plan.clusters.find((c) => c.index === index)?.scenarios.includes(sc.id))
          .flatMap((sc) => sc.namespaces);
      for (const from of run.clusters) {
        for (const to of run.clusters) {
          const hop = await tier.provider.exec(
            from.name,
            from.target.nodes['control-plane'],
            [
              'ssh',
              '-o',
              'BatchMode=yes',
              `${EXAM_HOST_PREFIX}${to.index}`,
              'kubectl',
              'get',
              'ns',
              '-o',
              'name',
            ],
            { timeoutMs: 60_000 },
          );
          const seen = hop.stdout.split('\n').map((line) => line.replace('namespace/', ''));
          for (const ns of namespacesOf(to.index))
            assert.ok(seen.includes(ns), `${ns} over ssh to ${to.index}`);
          const elsewhere = namespacesOf(from.index).filter((ns) => !namespacesOf(to.index).includes(ns));
          if (from !== to)
            for (const ns of elsewhere) assert.ok(!seen.includes(ns), `${ns} is not in ${to.index}`);
        }
      }

      const unsolved = await run.grade();
      assert.equal(unsolved.percent, 0, JSON.stringify(unsolved.tasks.filter((t) => t.score > 0)));
      assert.equal(unsolved.passed, false);

      await run.solve(SOLVED_FIRST);
      const partial = await run.grade();
      const chosen = set.scenarios.find((s) => s.id === SOLVED_FIRST);
      const share = (chosen?.tasks ?? []).reduce((sum, t) => sum + t.weight, 0);
      assert.equal(partial.score, share, JSON.stringify(partial.tasks));
      assert.equal(partial.percent, Math.round((share / partial.maxScore) * 1000) / 10);
      for (const task of partial.tasks) {
        assert.equal(task.score > 0, task.scenario === SOLVED_FIRST, `${task.scenario}/${task.task}`);
      }

      for (const scenario of set.scenarios) if (scenario.id !== SOLVED_FIRST) await run.solve(scenario.id);
      const solved = await run.grade();
      assert.equal(solved.percent, 100, JSON.stringify(solved.tasks.filter((t) => t.score < t.weight)));
      assert.equal(solved.passed, true);
      figure('exam_run_seconds', ((Date.now() - started) / 1000).toFixed(1));
    } finally {
      await run.tearDown();
    }
    const left = await tier.provider.list();
    for (const cluster of run.clusters)
      assert.equal(left.includes(cluster.name), false, `${cluster.name} deleted`);
    assert.equal(await networkExists(`cks-link-${run.name}`), false, 'the link network is gone');
  },
);
