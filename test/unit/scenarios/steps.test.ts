import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { after, before, beforeEach, describe, it } from 'node:test';
import { pino } from 'pino';
import type { ProgressEvent } from '../../../server/progress.js';
import { loadScenario, type LoadedScenario } from '../../../server/scenarios/loader.js';
import { stepSchema, type Step } from '../../../server/scenarios/step-schema.js';
import { applyWrongAnswer, setupScenario, solveScenario } from '../../../server/scenarios/steps.js';
import { connectToCluster, type ScenarioTarget } from '../../../server/scenarios/target.js';
import { FakeKubeApi } from '../grader/support/fake-kube-api.js';
import { RecordingProvider } from './support/recording-provider.js';

const PSA_DEMO = fileURLToPath(new URL('../../fixtures/scenarios/valid/psa-demo', import.meta.url));

describe('step runner', () => {
  let api: FakeKubeApi;
  let provider: RecordingProvider;
  let target: ScenarioTarget;
  let demo: LoadedScenario;
  let execReply = { exitCode: 0, stdout: '', stderr: '' };

  before(async () => {
    api = await FakeKubeApi.start();
    provider = new RecordingProvider(api, () => execReply);
    target = await connectToCluster(provider, 'lab', pino({ level: 'silent' }));
    const loaded = await loadScenario(PSA_DEMO);
    if (!loaded.scenario) throw new Error(JSON.stringify(loaded.problems));
    demo = loaded.scenario;
  });
  beforeEach(() => {
    api.reset();
    provider.calls.length = 0;
    execReply = { exitCode: 0, stdout: '', stderr: '' };
  });
  after(() => api.close());

  const withSteps = (setup: unknown[]): LoadedScenario => ({
    ...demo,
    spec: { ...demo.spec, images: [], setup: setup.map((s) => stepSchema.parse(s)) },
  });
  const readyPod = (ready: 'True' | 'False') => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'dind', namespace: 'build' },
    status: { conditions: [{ type: 'Ready', status: ready }] },
  });

  it('loads images before any setup step, then applies manifests server-side in order', async () => {
    const events: ProgressEvent[] = [];
    const watching = api.nextWatch();
    const setup = setupScenario(demo, target, {
      progress: (e) => events.push(e),
      ensureImages: async (s) => s.spec.images.map(String),
    });
    // the fake runs no kubelet: once the wait step watches the applied pod, report it Ready
    await watching;
    api.put(readyPod('True'));
    await setup;
    const methods = provider.calls.map((c) => c.method);
    assert.equal(methods[0], 'loadImages');
    assert.deepEqual(provider.calls[0]?.args, ['lab', ['cks-lab/busybox:fixture']]);
    const patches = api.requests.filter((r) => r.method === 'PATCH').slice(-2);
    assert.deepEqual(
      patches.map((r) => r.path),
      ['/api/v1/namespaces/build', '/api/v1/namespaces/build/pods/dind'],
    );
    for (const patch of patches) {
      assert.equal(patch.query.get('fieldManager'), 'cks-lab');
      assert.equal(patch.query.get('force'), 'true');
    }
    const copy = provider.calls.find((c) => c.method === 'copyToNode');
    assert.deepEqual(copy?.args.slice(1, 2).concat(copy.args.slice(3)), [
      'lab-control-plane',
      '/root/verify.sh',
      0o755,
    ]);
    const started = events.filter((e) => e.kind === 'start').map((e) => (e.kind === 'start' ? e.step : ''));
    assert.deepEqual(started, [
      'load 1 image(s) into the nodes',
      'setup 1/3: apply manifests/setup.yaml',
      'setup 2/3: wait for Pod "dind" in namespace "build" ready',
      'setup 3/3: copy verify.sh to control-plane:/root/verify.sh',
    ]);
  });

  it('fills in the step namespace for namespaced objects only', async () => {
    await setupScenario(
      withSteps([
        {
          kind: 'apply',
          namespace: 'team',
          manifest:
            'apiVersion: v1\nkind: Namespace\nmetadata: {name: team}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n',
        },
      ]),
      target,
    );
    assert.ok(api.get('v1', 'Namespace', 'team'));
    assert.equal(api.get('v1', 'ConfigMap', 'c', 'team')?.metadata.namespace, 'team');
  });

  it('waits on a watch until the condition holds', async () => {
    api.put(readyPod('False'));
    const watching = api.nextWatch();
    const waited = setupScenario(
      withSteps([
        { kind: 'wait', for: 'ready', resource: { kind: 'Pod', namespace: 'build', name: 'dind' } },
      ]),
      target,
    );
    await watching;
    api.put(readyPod('True'));
    await waited;
  });

  it('a wait that never holds fails at its deadline with the last state', async () => {
    api.put(readyPod('False'));
    const started = Date.now();
    await assert.rejects(
      setupScenario(
        withSteps([
          {
            kind: 'wait',
            for: 'ready',
            resource: { kind: 'Pod', namespace: 'build', name: 'dind' },
            timeoutSeconds: 1,
          },
        ]),
        target,
      ),
      /timed out waiting for Pod "dind" in namespace "build" to be ready: build\/dind: Ready=False/,
    );
    assert.ok(Date.now() - started < 5_000);
  });

  it('deletes by name (already gone is fine) and waits until absent', async () => {
    api.put({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'old', namespace: 'app' } });
    await setupScenario(
      withSteps([
        { kind: 'delete', resource: { kind: 'ConfigMap', namespace: 'app', name: 'old' } },
        { kind: 'delete', resource: { kind: 'ConfigMap', namespace: 'app', name: 'never-existed' } },
      ]),
      target,
    );
    assert.equal(api.get('v1', 'ConfigMap', 'old', 'app'), undefined);
  });

  it('deletes what a selector matches across namespaces, each in its own namespace', async () => {
    const cm = (name: string, namespace: string, app: string) => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name, namespace, labels: { app } },
    });
    api.put(cm('a', 'app', 'old'));
    api.put(cm('b', 'other', 'old'));
    api.put(cm('c', 'other', 'kept'));
    await setupScenario(
      withSteps([
        { kind: 'delete', resource: { kind: 'ConfigMap', labelSelector: 'app=old' }, timeoutSeconds: 5 },
      ]),
      target,
    );
    assert.equal(api.get('v1', 'ConfigMap', 'a', 'app'), undefined);
    assert.equal(api.get('v1', 'ConfigMap', 'b', 'other'), undefined);
    assert.ok(api.get('v1', 'ConfigMap', 'c', 'other'));
  });

  it('runs scripts with bash -euo pipefail from a pipe, on an empty stdin, with the node kubeconfig, and reports a failing one', async () => {
    await solveScenario(demo, target);
    const exec = provider.calls.find((c) => c.method === 'exec');
    assert.deepEqual(exec?.args.slice(1, 3), [
      'lab-control-plane',
      ['bash', '-c', 'exec bash -euo pipefail <(cat) </dev/null'],
    ]);
    const options = exec?.args[3] as { input: string; env: Record<string, string> };
    assert.match(
      options.input,
      /^# lib\/common.sh[^]*\nkubectl label ns build pod-security.kubernetes.io\/enforce=baseline/,
    );
    assert.deepEqual(options.env, { KUBECONFIG: '/etc/kubernetes/admin.conf' });
    execReply = { exitCode: 1, stdout: 'partial output', stderr: 'error: namespaces "build" not found' };
    await assert.rejects(
      solveScenario(demo, target),
      /script \(inline\) on lab-control-plane exited with 1:\nerror: namespaces "build" not found\npartial output/,
    );
  });

  it('applies a named wrong answer and refuses an unknown one', async () => {
    await applyWrongAnswer(demo, 'warn-only', target);
    assert.equal(
      api.get('v1', 'Namespace', 'build')?.metadata.labels?.['pod-security.kubernetes.io/warn'],
      'baseline',
    );
    await assert.rejects(
      applyWrongAnswer(demo, 'nope', target),
      /scenario "psa-demo" has no wrong answer "nope"/,
    );
  });

  it('a step for a node role the cluster lacks fails clearly', async () => {
    const step: Step = stepSchema.parse({ kind: 'script', node: 'worker', script: 'true' });
    await assert.rejects(
      setupScenario(withSteps([step]), target),
      /cluster "lab" has no worker node; the scenario needs "nodes: 2"/,
    );
  });
});
