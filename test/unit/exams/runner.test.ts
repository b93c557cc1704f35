// ExamRun's lifecycle against the fake API (the real thing runs in test/cluster/exam-run.test.ts): clusters created
// and linked, each image built once, scenarios set up and graded; and whatever fails, nothing is left behind.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { examScenario } from '../../../server/exams/catalog.js';
import { planExam } from '../../../server/exams/planner.js';
import { EXAM_HOST_PREFIX } from '../../../server/exams/hosts.js';
import { ExamRun } from '../../../server/exams/runner.js';
import type { ExamSet } from '../../../server/exams/types.js';
import { loadScenario, type LoadedScenario } from '../../../server/scenarios/loader.js';
import { FakeKubeApi } from '../grader/support/fake-kube-api.js';
import { RecordingProvider } from '../scenarios/support/recording-provider.js';

const fixture = fileURLToPath(new URL('../../fixtures/scenarios/harness/config-demo', import.meta.url));

/** The fixture under another id: two scenarios for two clusters. */
async function scenarioAs(id: string): Promise<LoadedScenario> {
  const { scenario } = await loadScenario(fixture);
  if (!scenario) throw new Error('fixture did not load');
  return { ...scenario, id, spec: { ...scenario.spec, id } };
}

describe('an exam run (fake API)', () => {
  let api: FakeKubeApi;
  let catalog: Map<string, LoadedScenario>;
  let set: ExamSet;
  before(async () => {
    api = await FakeKubeApi.start();
    const scenarios = [await scenarioAs('first'), await scenarioAs('second')];
    catalog = new Map(scenarios.map((s) => [s.id, s]));
    set = { id: 'mini', title: 'mini', scenarios: await Promise.all(scenarios.map(examScenario)) };
  });
  after(() => api.close());

  const options = (provider: RecordingProvider, built: string[]) => ({
    provider,
    logger: pino({ level: 'silent' }),
    ensureImages: async (scenario: LoadedScenario) => {
      built.push(scenario.id);
      return [];
    },
  });

  it('creates and links the planned clusters, builds each scenario image set once, scores 0 % then 100 %', async () => {
    const provider = new RecordingProvider(api);
    const built: string[] = [];
    // an exam uses at least two clusters (and the copies share a namespace besides)
    const plan = planExam(set);
    assert.equal(plan.clusters.length, 2);
    const run = await ExamRun.setUp(set, plan, catalog, options(provider, built));
    assert.deepEqual(built.sort(), ['first', 'second']);
    const names = run.clusters.map((c) => c.name).sort();
    const link = provider.calls.find((c) => c.method === 'link');
    assert.deepEqual(link?.args, [run.name, run.clusters.map((c) => c.name), EXAM_HOST_PREFIX]);
    assert.equal((await run.grade()).percent, 0);
    for (const scenario of set.scenarios) await run.solve(scenario.id);
    const solved = await run.grade();
    assert.equal(solved.percent, 100, JSON.stringify(solved.tasks));
    await run.tearDown();
    assert.deepEqual(
      provider.calls.filter((c) => c.method === 'unlink').map((c) => c.args[0]),
      [run.name],
    );
    assert.deepEqual(
      provider.calls
        .filter((c) => c.method === 'delete')
        .map((c) => c.args[0])
        .sort(),
      names,
    );
  });

  it('unlinks and deletes every cluster it made when a setup fails, and passes the error on', async () => {
    const failing = new RecordingProvider(api, () => ({ exitCode: 3, stdout: '', stderr: 'boom' }));
    const broken = { ...(catalog.get('second') as LoadedScenario) };
    broken.spec = {
      ...broken.spec,
      setup: [{ kind: 'script', node: 'control-plane', script: 'exit 3', timeoutSeconds: 5 }],
    };
    const withBroken = new Map(catalog).set('second', broken);
    await assert.rejects(
      ExamRun.setUp(set, planExam(set), withBroken, options(failing, [])),
      /exited with 3:\nboom/,
    );
    const created = failing.calls.filter((c) => c.method === 'create').map((c) => c.args[0]);
    const deleted = failing.calls.filter((c) => c.method === 'delete').map((c) => c.args[0]);
    assert.equal(created.length, 2);
    assert.deepEqual([...deleted].sort(), [...created].sort(), 'every cluster made is deleted');
    assert.equal(failing.calls.filter((c) => c.method === 'unlink').length, 1, 'the link is undone');
  });
});
