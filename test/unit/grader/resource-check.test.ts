import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { KubeConfig } from '@kubernetes/client-node';
import type { GraderContext } from '../../../grader/types.js';
import { gradeCheck, localContext } from './support/context.js';
import { FakeKubeApi } from './support/fake-kube-api.js';

describe('resource check', () => {
  let api: FakeKubeApi;
  let ctx: GraderContext;

  before(async () => {
    api = await FakeKubeApi.start();
    ctx = localContext(api.kubeConfig());
    api.put({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'shop', labels: { 'pod-security.kubernetes.io/enforce': 'baseline' } },
    });
    const pod = (name: string, app: string, spec: Record<string, unknown>) =>
      api.put({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name, namespace: 'shop', labels: { app } },
        spec,
      });
    pod('web', 'web', {
      securityContext: { runAsNonRoot: true },
      containers: [{ name: 'app', image: 'nginx' }],
    });
    pod('web-2', 'web', { containers: [{ name: 'app', image: 'nginx' }] });
    pod('db', 'db', { containers: [{ name: 'db', image: 'postgres' }] });
  });
  after(() => api.close());

  it('passes when the named object has the field value, saying what it found', async () => {
    const result = await gradeCheck(
      {
        id: 'non-root',
        kind: 'resource',
        resource: { kind: 'Pod', namespace: 'shop', name: 'web' },
        fields: [{ path: 'spec.securityContext.runAsNonRoot', equals: true }],
      },
      ctx,
    );
    assert.equal(result.status, 'pass');
    assert.equal(
      result.message,
      'Pod "web" in namespace "shop": spec.securityContext.runAsNonRoot = true (found: true)',
    );
  });

  it('fails with expected vs found and the check hint when the field is not set', async () => {
    const result = await gradeCheck(
      {
        id: 'non-root',
        kind: 'resource',
        hint: 'Set runAsNonRoot in the pod securityContext.',
        resource: { kind: 'Pod', namespace: 'shop', name: 'web-2' },
        fields: [{ path: 'spec.securityContext.runAsNonRoot', equals: true }],
      },
      ctx,
    );
    assert.equal(result.status, 'fail');
    assert.equal(
      result.message,
      'Pod "web-2" in namespace "shop": expected spec.securityContext.runAsNonRoot = true, found: not set',
    );
    assert.equal(result.hint, 'Set runAsNonRoot in the pod securityContext.');
  });

  it('fails when a named object does not exist', async () => {
    const result = await gradeCheck(
      { id: 'exists', kind: 'resource', resource: { kind: 'Pod', namespace: 'shop', name: 'ghost' } },
      ctx,
    );
    assert.equal(result.status, 'fail');
    assert.equal(result.message, 'expected Pod "ghost" in namespace "shop" to exist, but it was not found');
  });

  it('absent: passes when gone, fails naming what still exists', async () => {
    const gone = await gradeCheck(
      {
        id: 'gone',
        kind: 'resource',
        expect: 'absent',
        resource: { kind: 'Pod', namespace: 'shop', name: 'ghost' },
      },
      ctx,
    );
    assert.equal(gone.status, 'pass');
    const present = await gradeCheck(
      {
        id: 'gone',
        kind: 'resource',
        expect: 'absent',
        resource: { kind: 'Pod', namespace: 'shop', labelSelector: 'app=web' },
      },
      ctx,
    );
    assert.equal(present.status, 'fail');
    assert.equal(
      present.message,
      'expected no Pods in namespace "shop" matching app=web, found 2: "web", "web-2"',
    );
  });

  it('count: checks how many objects a selector matches', async () => {
    const exact = {
      id: 'count',
      kind: 'resource',
      resource: { kind: 'Pod', namespace: 'shop', labelSelector: 'app=web' },
    };
    assert.equal((await gradeCheck({ ...exact, count: { equals: 2 } }, ctx)).status, 'pass');
    const wrong = await gradeCheck({ ...exact, count: { min: 3 } }, ctx);
    assert.equal(wrong.status, 'fail');
    assert.equal(
      wrong.message,
      'expected at least 3 Pods in namespace "shop" matching app=web, found 2: "web", "web-2"',
    );
  });

  it('with a selector, every object must satisfy the fields unless quantifier is any', async () => {
    const base = {
      id: 'all-non-root',
      kind: 'resource',
      resource: { kind: 'Pod', namespace: 'shop', labelSelector: 'app=web' },
      fields: [{ path: 'spec.securityContext.runAsNonRoot', equals: true }],
    };
    const all = await gradeCheck(base, ctx);
    assert.equal(all.status, 'fail');
    assert.equal(
      all.message,
      'Pod "web-2" in namespace "shop": expected spec.securityContext.runAsNonRoot = true, found: not set',
    );
    const any = await gradeCheck({ ...base, quantifier: 'any' }, ctx);
    assert.equal(any.status, 'pass');
    assert.match(any.message, /^Pod "web" in namespace "shop": /);
  });

  it('reads cluster-scoped objects and labels with slashes', async () => {
    const result = await gradeCheck(
      {
        id: 'psa',
        kind: 'resource',
        resource: { kind: 'Namespace', name: 'shop' },
        fields: [
          {
            path: 'metadata.labels["pod-security.kubernetes.io/enforce"]',
            matches: '^(baseline|restricted)$',
          },
        ],
      },
      ctx,
    );
    assert.equal(result.status, 'pass');
    const strict = await gradeCheck(
      {
        id: 'psa',
        kind: 'resource',
        resource: { kind: 'Namespace', name: 'shop' },
        fields: [{ path: 'metadata.labels["pod-security.kubernetes.io/enforce"]', equals: 'restricted' }],
      },
      ctx,
    );
    assert.equal(
      strict.message,
      'Namespace "shop": expected metadata.labels["pod-security.kubernetes.io/enforce"] = "restricted", found: "baseline"',
    );
  });

  it('is an error, not a fail, when the API server answers 500', async () => {
    api.failWith = 500;
    try {
      const result = await gradeCheck(
        {
          id: 'x',
          kind: 'resource',
          resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'x' },
        },
        ctx,
      );
      assert.equal(result.status, 'error');
      assert.match(
        result.message,
        /the Kubernetes API answered HTTP 500 to GET \/apis\/apps\/v1: simulated failure/,
      );
    } finally {
      api.failWith = undefined;
    }
  });

  it('an unknown kind is an error naming the kind and API version', async () => {
    const result = await gradeCheck(
      { id: 'x', kind: 'resource', resource: { kind: 'Widget', name: 'w' } },
      ctx,
    );
    assert.equal(result.status, 'error');
    assert.equal(
      result.message,
      'the API server has no kind Widget in v1 (check apiVersion and kind, or install its CRD)',
    );
  });

  it('is an error when the API server cannot be reached', async () => {
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: 'gone', server: 'http://127.0.0.1:1', skipTLSVerify: true }],
      users: [{ name: 'u', token: 't' }],
      contexts: [{ name: 'gone', cluster: 'gone', user: 'u' }],
      currentContext: 'gone',
    });
    const result = await gradeCheck(
      { id: 'x', kind: 'resource', resource: { kind: 'Pod', name: 'x' } },
      localContext(kc),
    );
    assert.equal(result.status, 'error');
    assert.match(
      result.message,
      /could not reach the Kubernetes API server at http:\/\/127\.0\.0\.1:1 \(ECONNREFUSED\); is the cluster running\?/,
    );
  });
});
