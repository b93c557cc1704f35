import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { GraderContext } from '../../../grader/types.js';
import { gradeCheck, localContext } from './support/context.js';
import { FakeKubeApi, type StoredObject } from './support/fake-kube-api.js';

const privilegedPod = `
apiVersion: v1
kind: Pod
metadata:
  name: priv-test
spec:
  containers:
    - name: c
      image: busybox
      securityContext: { privileged: true }
`;

/** Denies privileged pods the way Pod Security Admission does (HTTP 403, Status message). */
function podSecurityBaseline(object: StoredObject) {
  const containers =
    (object.spec as { containers?: { securityContext?: { privileged?: boolean } }[] }).containers ?? [];
  if (containers.some((c) => c.securityContext?.privileged)) {
    return {
      status: 403,
      body: {
        kind: 'Status',
        status: 'Failure',
        reason: 'Forbidden',
        code: 403,
        message: `pods "${object.metadata.name}" is forbidden: violates PodSecurity "baseline:latest": privileged (container "c" must not set securityContext.privileged=true)`,
      },
    };
  }
  return { status: 201 };
}

describe('admission check', () => {
  let api: FakeKubeApi;
  let ctx: GraderContext;

  before(async () => {
    api = await FakeKubeApi.start();
    ctx = localContext(api.kubeConfig());
    api.put({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'build' } });
  });
  beforeEach(() => {
    api.admit = podSecurityBaseline;
  });
  after(() => api.close());

  const denied = {
    id: 'no-privileged',
    kind: 'admission',
    namespace: 'build',
    manifest: privilegedPod,
    expect: 'denied',
  };

  it('passes when a real create is denied, and never persists anything', async () => {
    const before = api.requests.length;
    const result = await gradeCheck({ ...denied, message: 'PodSecurity "(baseline|restricted)' }, ctx);
    assert.equal(result.status, 'pass');
    assert.match(
      result.message,
      /^creating Pod "priv-test" in namespace "build" is denied: pods "priv-test" is forbidden/,
    );
    const posts = api.requests.slice(before).filter((r) => r.method === 'POST');
    assert.equal(posts.length, 1);
    // a real create: a policy that rejects only dry-run requests must not pass for enforcement
    assert.equal(posts[0]?.query.get('dryRun'), null);
    assert.equal(posts[0]?.path, '/api/v1/namespaces/build/pods');
    assert.equal(api.get('v1', 'Pod', 'priv-test', 'build'), undefined);
  });

  it('fails when the object is allowed, and deletes what the real create made', async () => {
    api.admit = (object) => ({ status: 201, body: object });
    const before = api.requests.length;
    const result = await gradeCheck(denied, ctx);
    assert.equal(result.status, 'fail');
    assert.equal(
      result.message,
      'expected creating Pod "priv-test" in namespace "build" to be denied, but it was allowed ' +
        '(the grader created it for real and deleted it again: "priv-test" is gone)',
    );
    const deletes = api.requests.slice(before).filter((r) => r.method === 'DELETE');
    assert.equal(deletes[0]?.path, '/api/v1/namespaces/build/pods/priv-test');
    assert.equal(api.get('v1', 'Pod', 'priv-test', 'build'), undefined);
  });

  it('is not fooled by a policy that denies only dry-run requests', async () => {
    let sawDryRun = false;
    api.admit = (object) => {
      // what a ValidatingAdmissionPolicy on request.dryRun does: the fake sees the query through the request log
      const last = api.requests.at(-1);
      sawDryRun = sawDryRun || last?.query.get('dryRun') === 'All';
      return last?.query.get('dryRun') === 'All'
        ? { status: 422, body: { kind: 'Status', code: 422, message: 'policy denied request: dry run' } }
        : { status: 201, body: object };
    };
    const result = await gradeCheck(denied, ctx);
    assert.equal(result.status, 'fail');
    assert.equal(sawDryRun, false);
    assert.equal(api.get('v1', 'Pod', 'priv-test', 'build'), undefined);
  });

  it('expect allowed stays a dry run: nothing is persisted', async () => {
    const before = api.requests.length;
    const result = await gradeCheck(
      { id: 'ok', kind: 'admission', namespace: 'build', manifest: privilegedPod, expect: 'allowed' },
      { ...ctx },
    );
    assert.equal(result.status, 'fail');
    const posts = api.requests.slice(before).filter((r) => r.method === 'POST');
    assert.equal(posts[0]?.query.get('dryRun'), 'All');
  });

  it('fails when denied for another reason than the one required', async () => {
    const result = await gradeCheck({ ...denied, message: 'image policy webhook' }, ctx);
    assert.equal(result.status, 'fail');
    assert.match(
      result.message,
      /^creating Pod "priv-test" in namespace "build" was denied, but not for the expected reason: expected the message to match \/image policy webhook\/, found: "pods \\"priv-test\\" is forbidden/,
    );
  });

  it('expect allowed: passes when admitted, fails with the denial message', async () => {
    const allowedPod = {
      apiVersion: 'v1',
      kind: 'Pod',
      spec: { containers: [{ name: 'c', image: 'busybox' }] },
    };
    const ok = await gradeCheck(
      { id: 'ok', kind: 'admission', namespace: 'build', manifest: allowedPod, expect: 'allowed' },
      ctx,
    );
    assert.equal(ok.status, 'pass');
    assert.equal(ok.message, 'creating a Pod in namespace "build" is allowed, as required');
    const blocked = await gradeCheck(
      { id: 'ok', kind: 'admission', namespace: 'build', manifest: privilegedPod, expect: 'allowed' },
      ctx,
    );
    assert.equal(blocked.status, 'fail');
    assert.match(
      blocked.message,
      /^expected creating Pod "priv-test" in namespace "build" to be allowed, but it was denied: pods "priv-test" is forbidden/,
    );
  });

  it('counts an AlreadyExists conflict as admitted (admission ran before storage)', async () => {
    api.admit = () => ({
      status: 409,
      body: { kind: 'Status', reason: 'AlreadyExists', code: 409, message: 'exists' },
    });
    assert.equal((await gradeCheck(denied, ctx)).status, 'fail');
  });

  it('fails when the namespace does not exist (nothing could be proven)', async () => {
    const result = await gradeCheck({ ...denied, namespace: 'nowhere' }, ctx);
    assert.equal(result.status, 'fail');
    assert.equal(
      result.message,
      'creating Pod "priv-test" in namespace "nowhere" is impossible: namespace "nowhere" does not exist',
    );
  });

  it('an invalid manifest (422 without a policy denial) is an error, not a pass', async () => {
    api.admit = () => ({
      status: 422,
      body: {
        kind: 'Status',
        reason: 'Invalid',
        code: 422,
        message: 'Pod "priv-test" is invalid: spec.containers[0].image: Required value',
      },
    });
    const result = await gradeCheck(denied, ctx);
    assert.equal(result.status, 'error');
    assert.match(result.message, /HTTP 422 .*spec\.containers\[0\]\.image: Required value/);
  });

  it('a ValidatingAdmissionPolicy denial (422 "denied request") counts as denied', async () => {
    api.admit = () => ({
      status: 422,
      body: {
        kind: 'Status',
        reason: 'Invalid',
        code: 422,
        message: "ValidatingAdmissionPolicy 'no-priv' with binding 'b' denied request: no",
      },
    });
    assert.equal((await gradeCheck(denied, ctx)).status, 'pass');
  });
});
