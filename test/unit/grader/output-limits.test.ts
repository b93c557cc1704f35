import assert from 'node:assert/strict';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { GraderContext } from '../../../grader/types.js';
import { gradeCheck, localContext } from './support/context.js';
import { FakeKubeApi, sendEndless } from './support/fake-kube-api.js';

const MIB = 1024 * 1024;

// A learner controls every file, command and even the API server in a lab: `ln -sf /dev/zero <file a check reads>`
// must cost the grader a few MiB and give an error verdict, not fill the server's memory.
describe('grader output limits', () => {
  let dir: string;
  let api: FakeKubeApi;
  let ctx: GraderContext;
  let rssBefore: number;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cks-limits-'));
    await symlink('/dev/zero', join(dir, 'pod.yaml'));
    api = await FakeKubeApi.start();
    ctx = localContext(api.kubeConfig(), { checkTimeoutMs: 20_000 });
    api.put({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'app' } });
    api.put({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web', namespace: 'app' },
      spec: { containers: [{ name: 'c' }] },
      status: { phase: 'Running' },
    });
  });
  beforeEach(() => {
    api.intercept = undefined;
    rssBefore = process.memoryUsage().rss;
  });
  after(async () => {
    await api.close();
    await rm(dir, { recursive: true, force: true });
  });

  const bounded = () => assert.ok(process.memoryUsage().rss - rssBefore < 200 * MIB, 'memory stays bounded');

  it('a nodeFile check of a link to /dev/zero is an error that says what was too large', async () => {
    const path = join(dir, 'pod.yaml');
    const result = await gradeCheck(
      { id: 'f', kind: 'nodeFile', path, yaml: [{ path: 'kind', equals: 'Pod' }] },
      ctx,
    );
    assert.equal(result.status, 'error');
    assert.match(
      result.message,
      new RegExp(`the output of cat -- ${path} on local-node is larger than 4 MiB`),
    );
    bounded();
  });

  it('a nodeExec check of an endless command is an error', async () => {
    const result = await gradeCheck({ id: 'x', kind: 'nodeExec', argv: ['cat', '/dev/zero'] }, ctx);
    assert.equal(result.status, 'error');
    assert.match(
      result.message,
      /cat \/dev\/zero on local-node is larger than 4 MiB, more than cks-lab reads/,
    );
    bounded();
  });

  it('a podExec check whose command prints endlessly is an error', async () => {
    api.exec = () => ({ exitCode: 0, stdout: Array.from({ length: 100 }, () => '0'.repeat(64 * 1024)) });
    const result = await gradeCheck(
      { id: 'p', kind: 'podExec', namespace: 'app', pod: 'web', argv: ['cat', '/dev/zero'] },
      ctx,
    );
    assert.equal(result.status, 'error');
    assert.match(
      result.message,
      /the output of `cat \/dev\/zero` in pod "web" \(namespace "app"\) is larger than 4 MiB/,
    );
    bounded();
  });

  it('a resource check against an API server that answers endlessly is an error', async () => {
    api.intercept = (req, res) => {
      if (!req.url?.startsWith('/api/v1/namespaces/app/pods')) return false;
      sendEndless(res);
      return true;
    };
    const result = await gradeCheck(
      { id: 'r', kind: 'resource', resource: { kind: 'Pod', namespace: 'app', name: 'web' } },
      ctx,
    );
    assert.equal(result.status, 'error');
    assert.match(
      result.message,
      /the API server's answer to GET \/api\/v1\/namespaces\/app\/pods\/web is larger than 16 MiB/,
    );
    bounded();
  });
});
