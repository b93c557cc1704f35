import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { defaultProofParallelism, testScenario } from '../../../server/scenarios/harness.js';
import { loadScenario, type LoadedScenario } from '../../../server/scenarios/loader.js';
import { formatProofRun, formatTestReports } from '../../../server/scenarios/report.js';
import { FakeKubeApi } from '../grader/support/fake-kube-api.js';
import { RecordingProvider } from './support/recording-provider.js';

const fixture = (id: string) =>
  fileURLToPath(new URL(`../../fixtures/scenarios/harness/${id}`, import.meta.url));

async function load(id: string): Promise<LoadedScenario> {
  const { scenario, problems } = await loadScenario(fixture(id));
  assert.deepEqual(problems, []);
  if (!scenario) throw new Error('fixture did not load');
  return scenario;
}

// The harness logic (phases, expectations, clean-up) against the fake API; the real proof runs in the cluster tier.
describe('scenario test harness', () => {
  let api: FakeKubeApi;
  before(async () => {
    api = await FakeKubeApi.start();
  });
  after(() => api.close());

  it('passes an honest scenario: unsolved fails, solved passes, the wrong answer fails its check', async () => {
    const provider = new RecordingProvider(api);
    const report = await testScenario(await load('config-demo'), {
      provider,
      logger: pino({ level: 'silent' }),
    });
    assert.equal(report.ok, true, JSON.stringify(report.phases));
    const phases = report.phases.map((p) => [p.phase.replace(/cks-t-[0-9a-f]{6}/, 'NAME'), p.ok]);
    assert.deepEqual(phases, [
      ['create NAME', true],
      ['setup', true],
      ['unsolved', true],
      ['solve', true],
      ['solved', true],
      ['create NAME', true],
      ['wrong:typo', true],
      ['create NAME', true],
      ['alt:replace', true],
    ]);
    const creates = provider.calls.filter((c) => c.method === 'create').map((c) => c.args[0]);
    const deletes = provider.calls.filter((c) => c.method === 'delete').map((c) => c.args[0]);
    assert.equal(creates.length, 3, 'a fresh cluster for the wrong answer and one for the alternative');
    assert.deepEqual(deletes, creates, 'every cluster is deleted');
    assert.ok(report.gradeMs !== undefined && report.setupMs !== undefined);
    const table = formatTestReports([report]);
    assert.match(
      table,
      /^SCENARIO\s+SETUP\s+GRADE\s+UNSOLVED→FAIL\s+SOLVED→PASS\s+WRONG ANSWERS→FAIL\s+ALTERNATIVES→PASS\s+PROOF\s+RESULT$/m,
    );
    assert.match(table, /^config-demo\s+\S+s\s+\S+s\s+ok\s+ok\s+1\/1 ok\s+1\/1 ok\s+\S+s\s+PASS$/m);
    assert.ok(report.proofMs >= 0);
  });

  it('flags a grader that passes the unsolved state, a wrong answer that is not caught and a correct alternative it rejects', async () => {
    const provider = new RecordingProvider(api);
    const report = await testScenario(await load('lazy-grader'), {
      provider,
      logger: pino({ level: 'silent' }),
      keep: true,
    });
    assert.equal(report.ok, false);
    const unsolved = report.phases.find((p) => p.phase === 'unsolved');
    assert.equal(unsolved?.ok, false);
    assert.match(
      unsolved?.detail ?? '',
      /^task flag: expected fail, got pass \(namespace-exists: Namespace "app" exists\)$/,
    );
    const wrong = report.phases.find((p) => p.phase === 'wrong:nothing');
    assert.equal(wrong?.detail, 'namespace-exists: expected fail, got pass (Namespace "app" exists)');
    const alternative = report.phases.find((p) => p.phase === 'alt:fresh-namespace');
    assert.equal(alternative?.ok, false);
    assert.match(alternative?.detail ?? '', /^task flag: expected pass, got fail \(namespace-exists: /);
    assert.equal(provider.calls.filter((c) => c.method === 'delete').length, 0, '--keep leaves clusters');
    assert.equal(report.keptClusters.length, 3);
    const table = formatTestReports([report]);
    assert.match(table, /^lazy-grader\s.*MISMATCH\s+ok\s+0\/1 ok\s+0\/1 ok\s+\S+s\s+FAIL$/m);
    assert.match(table, /clusters kept \(--keep\): cks-t-/);
  });

  it('stops a scenario whose setup fails and still deletes its cluster', async () => {
    const scenario = await load('config-demo');
    scenario.spec.setup = [{ kind: 'script', node: 'control-plane', script: 'exit 3', timeoutSeconds: 5 }];
    const failing = new RecordingProvider(api, () => ({ exitCode: 3, stdout: '', stderr: 'boom' }));
    const requestsBefore = api.requests.length;
    const report = await testScenario(scenario, { provider: failing, logger: pino({ level: 'silent' }) });
    assert.equal(report.ok, false);
    const setup = report.phases.find((p) => p.phase === 'setup');
    assert.match(
      setup?.detail ?? '',
      /script \(inline\) on cks-t-[0-9a-f]{6}-control-plane exited with 3:\nboom/,
    );
    assert.equal(
      report.phases.find((p) => p.phase === 'wrong:typo')?.detail,
      'not attempted: setup did not succeed',
    );
    assert.equal(
      report.phases.find((p) => p.phase === 'alt:replace')?.detail,
      'not attempted: setup did not succeed',
    );
    // one cluster: created, the setup script run on it, deleted; no cluster for the wrong answer, no more steps
    const [created] = failing.calls.filter((c) => c.method === 'create').map((c) => c.args[0]);
    assert.deepEqual(
      failing.calls.map((c) => [c.method, c.args[0]]),
      [
        ['create', created],
        ['exec', created],
        ['delete', created],
      ],
    );
    // the solution (an apply) and grading (reads) go to the API server: neither may run after a failed setup
    const requests = api.requests.slice(requestsBefore).map((r) => `${r.method} ${r.path}`);
    assert.deepEqual(requests, [], 'no solution applied and nothing graded once setup failed');
  });

  it('prints the run: wall time, clusters, parallelism and the projection to a 50-scenario catalog', () => {
    assert.equal(
      formatProofRun(4, { wallMs: 160_000, jobs: 14, parallel: 2 }),
      '4 scenario(s), 14 fresh cluster(s), 2 at a time: 2m40s (40.0s per scenario); 50 scenarios ≈ 33m20s',
    );
  });
});

it('proof parallelism: one more cluster than cores, never below 1 or above 4', () => {
  assert.equal(defaultProofParallelism(1), 2);
  assert.equal(defaultProofParallelism(2), 3);
  assert.equal(defaultProofParallelism(3), 4);
  assert.equal(defaultProofParallelism(16), 4);
  assert.equal(defaultProofParallelism(0), 1);
});
