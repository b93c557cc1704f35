import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { GraderContext } from '../../../grader/types.js';
import { gradeCheck, localContext } from './support/context.js';
import { FakeKubeApi } from './support/fake-kube-api.js';

describe('podExec check', () => {
  let api: FakeKubeApi;
  let ctx: GraderContext;
  const calls: { pod: string; container: string; argv: string[] }[] = [];

  before(async () => {
    api = await FakeKubeApi.start();
    ctx = localContext(api.kubeConfig());
    const pod = (name: string, phase: string, labels: Record<string, string>) =>
      api.put({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name, namespace: 'sandbox', labels },
        spec: { containers: [{ name: 'app' }, { name: 'sidecar' }] },
        status: { phase },
      });
    pod('untrusted-0', 'Pending', { app: 'untrusted' });
    pod('untrusted-1', 'Running', { app: 'untrusted' });
    pod('trusted', 'Running', { app: 'trusted' });
    api.exec = (_namespace, podName, container, argv) => {
      calls.push({ pod: podName, container, argv });
      if (argv[0] === 'dmesg') {
        return podName.startsWith('untrusted')
          ? { exitCode: 0, stdout: '[   0.000000] Starting gVisor...\n[   0.5] Ready!\n' }
          : { exitCode: 0, stdout: '[    0.000000] Linux version 6.1.0\n' };
      }
      if (argv[0] === 'touch') return { exitCode: 1, stderr: 'touch: /x: Read-only file system\n' };
      return { exitCode: -1, failure: `exec: "${argv[0]}": executable file not found in $PATH` };
    };
  });
  after(() => api.close());

  const gvisor = {
    id: 'dmesg-gvisor',
    kind: 'podExec',
    namespace: 'sandbox',
    selector: 'app=untrusted',
    argv: ['dmesg'],
    stdout: { matches: 'gVisor' },
  };

  it('runs in the first running pod the selector matches, in its first container, and matches stdout', async () => {
    const result = await gradeCheck(gvisor, ctx);
    assert.equal(result.status, 'pass');
    assert.deepEqual(calls.at(-1), { pod: 'untrusted-1', container: 'app', argv: ['dmesg'] });
    assert.match(
      result.message,
      /^`dmesg` in pod "untrusted-1" \(container "app"\) in namespace "sandbox" exited with 0: /,
    );
  });

  it('fails with the expected pattern and the actual output', async () => {
    const result = await gradeCheck({ ...gvisor, selector: 'app=trusted', container: 'sidecar' }, ctx);
    assert.equal(result.status, 'fail');
    assert.equal(calls.at(-1)?.container, 'sidecar');
    assert.equal(
      result.message,
      'expected the stdout of `dmesg` in pod "trusted" (container "sidecar") in namespace "sandbox" to match /gVisor/, ' +
        'found: "[    0.000000] Linux version 6.1.0"',
    );
  });

  it('checks exit codes, including "nonzero" for commands that must fail', async () => {
    const readOnly = {
      id: 'ro',
      kind: 'podExec',
      namespace: 'sandbox',
      pod: 'trusted',
      argv: ['touch', '/x'],
    };
    const mustFail = await gradeCheck(
      { ...readOnly, exitCode: 'nonzero', stderr: { contains: 'Read-only' } },
      ctx,
    );
    assert.equal(mustFail.status, 'pass');
    const mustSucceed = await gradeCheck(readOnly, ctx);
    assert.equal(mustSucceed.status, 'fail');
    assert.equal(
      mustSucceed.message,
      'expected `touch /x` in pod "trusted" (container "app") in namespace "sandbox" to exit with 0, it exited with 1: ' +
        'touch: /x: Read-only file system',
    );
  });

  it('a command that cannot start fails with the runtime message', async () => {
    const result = await gradeCheck(
      { id: 'x', kind: 'podExec', namespace: 'sandbox', pod: 'trusted', argv: ['nope'] },
      ctx,
    );
    assert.equal(result.status, 'fail');
    assert.match(result.message, /exited with -1: exec: "nope": executable file not found/);
  });

  it('fails when no pod is running or none exists', async () => {
    const pending = await gradeCheck({ ...gvisor, selector: undefined, pod: 'untrusted-0' }, ctx);
    assert.equal(pending.status, 'fail');
    assert.equal(
      pending.message,
      'expected pod "untrusted-0" in namespace "sandbox" to be running, found phase Pending',
    );
    const none = await gradeCheck({ ...gvisor, selector: 'app=ghost' }, ctx);
    assert.equal(none.message, 'expected a pod matching app=ghost in namespace "sandbox", found none');
  });
});
