import assert from 'node:assert/strict';
import type http from 'node:http';
import { after, before, beforeEach, describe, it } from 'node:test';
import { checkSchema } from '../../../grader/schema/check.js';
import type { GraderContext } from '../../../grader/types.js';
import { gradeCheck, localContext } from './support/context.js';
import { FakeKubeApi } from './support/fake-kube-api.js';

interface Review {
  user: string;
  groups: string[];
  resourceAttributes: Record<string, string>;
}

/** RBAC in miniature: which user or group may do what, as "verb group/resource[/sub] namespace". */
const GRANTS: Record<string, string[]> = {
  jane: ['list /pods dev-team', 'get /pods/log dev-team', 'create apps/deployments dev-team'],
  'system:serviceaccount:ci:deployer': ['patch apps/deployments dev-team'],
  // a careless ClusterRoleBinding to every authenticated user
  'system:authenticated': ['get /configmaps kube-public'],
};

const DISCOVERY: Record<string, unknown> = {
  '/api/v1': {
    resources: ['pods', 'pods/log', 'pods/exec', 'secrets', 'configmaps'].map((name) => ({ name })),
  },
  '/apis/apps': {
    versions: [{ groupVersion: 'apps/v1' }],
    preferredVersion: { groupVersion: 'apps/v1' },
  },
  '/apis/apps/v1': { resources: [{ name: 'deployments' }, { name: 'deployments/scale' }] },
};

function decide(review: Review): { allowed: boolean; reason?: string } {
  const a = review.resourceAttributes;
  const asked = `${a.verb} ${a.group ?? ''}/${a.resource}${a.subresource ? `/${a.subresource}` : ''} ${a.namespace ?? ''}`;
  for (const subject of [review.user, ...review.groups]) {
    if (GRANTS[subject]?.includes(asked))
      return { allowed: true, reason: `RBAC: allowed by RoleBinding "x" to ${subject}` };
  }
  return { allowed: false, reason: '' };
}

function send(res: http.ServerResponse, status: number, body: unknown): true {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
  return true;
}

describe('access check', () => {
  let api: FakeKubeApi;
  let ctx: GraderContext;
  const reviews: Review[] = [];
  let answer: ((review: Review) => unknown) | undefined;

  before(async () => {
    api = await FakeKubeApi.start();
    ctx = localContext(api.kubeConfig());
    // the fake serves neither group discovery nor SubjectAccessReviews: answer them here
    api.intercept = (req, res) => {
      const path = new URL(req.url ?? '/', api.url).pathname;
      if (req.method === 'GET' && path in DISCOVERY) return send(res, 200, DISCOVERY[path]);
      if (req.method === 'GET' && path.startsWith('/apis/'))
        return send(res, 404, { kind: 'Status', code: 404, reason: 'NotFound', message: 'not found' });
      if (req.method === 'POST' && path === '/apis/authorization.k8s.io/v1/subjectaccessreviews') {
        const body = api.requests.at(-1)?.body as { spec: Review };
        reviews.push(body.spec);
        const status = answer ? answer(body.spec) : decide(body.spec);
        return send(res, 201, { ...body, status });
      }
      return false;
    };
  });
  beforeEach(() => {
    answer = undefined;
  });
  after(() => api.close());

  const jane = {
    id: 'jane-list-pods',
    kind: 'access',
    user: 'jane',
    groups: ['dev'],
    verb: 'list',
    resource: 'pods',
    namespace: 'dev-team',
    expect: 'allowed',
  };

  it('asks for the user with their groups plus system:authenticated, and passes when allowed', async () => {
    const result = await gradeCheck(jane, ctx);
    assert.equal(result.status, 'pass', result.message);
    assert.equal(
      result.message,
      'user "jane" (groups dev) may list pods in namespace "dev-team", as required',
    );
    assert.deepEqual(reviews.at(-1), {
      user: 'jane',
      groups: ['dev', 'system:authenticated'],
      resourceAttributes: { verb: 'list', group: '', resource: 'pods', namespace: 'dev-team' },
    });
  });

  it('fails an allowed expectation when denied, naming the request', async () => {
    const result = await gradeCheck({ ...jane, namespace: 'default' }, ctx);
    assert.equal(result.status, 'fail');
    assert.equal(
      result.message,
      'expected user "jane" (groups dev) to be allowed to list pods in namespace "default", but the API server denies it',
    );
  });

  it('expect denied: passes when denied, fails with the reason that allows it', async () => {
    const secrets = { ...jane, id: 'no-secrets', verb: 'get', resource: 'secrets', expect: 'denied' };
    const denied = await gradeCheck(secrets, ctx);
    assert.equal(denied.status, 'pass');
    assert.equal(
      denied.message,
      'user "jane" (groups dev) may not get secrets in namespace "dev-team", as required',
    );
    const allowed = await gradeCheck({ ...secrets, verb: 'list', resource: 'pods' }, ctx);
    assert.equal(allowed.status, 'fail');
    assert.equal(
      allowed.message,
      'expected user "jane" (groups dev) not to be allowed to list pods in namespace "dev-team", ' +
        'but the API server allows it: RBAC: allowed by RoleBinding "x" to jane',
    );
  });

  it('a binding to system:authenticated counts, as it does for a real request', async () => {
    const result = await gradeCheck(
      {
        id: 'public',
        kind: 'access',
        user: 'nobody',
        verb: 'get',
        resource: 'configmaps',
        namespace: 'kube-public',
        expect: 'denied',
      },
      ctx,
    );
    assert.equal(result.status, 'fail');
    assert.match(result.message, /^expected user "nobody" not to be allowed to get configmaps in namespace/);
  });

  it('asks for a ServiceAccount with the groups of its tokens, with apiGroup, subresource and name', async () => {
    const deployer = {
      id: 'deployer-patch',
      kind: 'access',
      serviceAccount: 'ci/deployer',
      verb: 'patch',
      resource: 'deployments',
      apiGroup: 'apps',
      namespace: 'dev-team',
      expect: 'allowed',
    };
    const result = await gradeCheck(deployer, ctx);
    assert.equal(result.status, 'pass', result.message);
    assert.equal(
      result.message,
      'ServiceAccount "deployer" in namespace "ci" may patch deployments.apps in namespace "dev-team", as required',
    );
    assert.deepEqual(reviews.at(-1)?.groups, [
      'system:serviceaccounts',
      'system:serviceaccounts:ci',
      'system:authenticated',
    ]);
    assert.equal(reviews.at(-1)?.user, 'system:serviceaccount:ci:deployer');
    const scale = await gradeCheck(
      {
        ...deployer,
        verb: 'update',
        subresource: 'scale',
        name: 'web',
        namespace: undefined,
        expect: 'denied',
      },
      ctx,
    );
    assert.equal(scale.status, 'pass', scale.message);
    assert.equal(
      scale.message,
      'ServiceAccount "deployer" in namespace "ci" may not update deployments.apps/scale "web" cluster-wide, as required',
    );
    assert.deepEqual(reviews.at(-1)?.resourceAttributes, {
      verb: 'update',
      group: 'apps',
      resource: 'deployments',
      subresource: 'scale',
      name: 'web',
    });
  });

  it('a resource the API server does not serve is an error, never a pass for expect: denied', async () => {
    const before = reviews.length;
    const wrongGroup = await gradeCheck(
      { ...jane, verb: 'delete', resource: 'deployments', expect: 'denied' },
      ctx,
    );
    assert.equal(wrongGroup.status, 'error');
    assert.match(wrongGroup.message, /no resource "deployments" in the core API group/);
    const noGroup = await gradeCheck({ ...jane, apiGroup: 'app', expect: 'denied' }, ctx);
    assert.equal(noGroup.status, 'error');
    assert.match(noGroup.message, /serves no API group "app"/);
    const noSub = await gradeCheck({ ...jane, subresource: 'logs', expect: 'denied' }, ctx);
    assert.equal(noSub.status, 'error');
    assert.match(noSub.message, /no subresource "pods\/logs"/);
    assert.equal(reviews.length, before, 'no review was asked for');
  });

  it('keeps a long authorizer reason bounded, and reports an evaluation error', async () => {
    answer = () => ({ allowed: true, reason: 'x'.repeat(10_000) });
    const long = await gradeCheck({ ...jane, expect: 'denied' }, ctx);
    assert.equal(long.status, 'fail');
    assert.ok(long.message.length < 500, `message of ${long.message.length} characters`);
    answer = () => ({ allowed: false, evaluationError: 'role.rbac.authorization.k8s.io "dev" not found' });
    const broken = await gradeCheck(jane, ctx);
    assert.equal(broken.status, 'fail');
    assert.match(
      broken.message,
      /denies it: evaluation error: role\.rbac\.authorization\.k8s\.io "dev" not found$/,
    );
  });

  it('an answer without a decision is an error', async () => {
    answer = () => ({});
    const result = await gradeCheck(jane, ctx);
    assert.equal(result.status, 'error');
    assert.match(result.message, /no status\.allowed/);
  });

  it('the schema wants exactly one subject, groups only for a user, and namespace/name for a ServiceAccount', () => {
    const base = { id: 'a', kind: 'access', verb: 'get', resource: 'pods', expect: 'allowed' };
    assert.equal(checkSchema.safeParse({ ...base, user: 'jane' }).success, true);
    assert.equal(checkSchema.safeParse(base).success, false);
    assert.equal(
      checkSchema.safeParse({ ...base, user: 'jane', serviceAccount: 'ci/deployer' }).success,
      false,
    );
    assert.equal(
      checkSchema.safeParse({ ...base, serviceAccount: 'ci/deployer', groups: ['dev'] }).success,
      false,
    );
    assert.equal(checkSchema.safeParse({ ...base, serviceAccount: 'deployer' }).success, false);
    assert.equal(
      checkSchema.safeParse({ ...base, user: 'jane', resource: 'deployments.apps' }).success,
      false,
    );
    assert.equal(checkSchema.safeParse({ ...base, user: 'jane', resource: 'pods/log' }).success, false);
  });
});
