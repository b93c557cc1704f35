import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { applyObjects, parseManifest } from '../../../server/scenarios/apply.js';
import { connectToCluster, type ScenarioTarget } from '../../../server/scenarios/target.js';
import { FakeKubeApi } from '../grader/support/fake-kube-api.js';
import { RecordingProvider } from './support/recording-provider.js';

// every key as written: `from` is `_from` in client-node's NetworkPolicy model, `default` and `x-kubernetes-*`
// likewise differ; a typed serializer dropped them silently
const POLICY = `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: api-from-clients
  namespace: payments
spec:
  podSelector: { matchLabels: { app: payments-api } }
  policyTypes: [Ingress]
  ingress:
    - from:
        - namespaceSelector: { matchLabels: { team: checkout } }
          podSelector: { matchLabels: { role: client } }
      ports: [{ port: 8080, protocol: TCP }]
`;

describe('applyObjects', () => {
  let api: FakeKubeApi;
  let target: ScenarioTarget;

  before(async () => {
    api = await FakeKubeApi.start();
    target = await connectToCluster(
      new RecordingProvider(api, () => ({ exitCode: 0, stdout: '', stderr: '' })),
      'lab',
      pino({ level: 'silent' }),
    );
  });
  after(() => api.close());

  it('sends the object exactly as written, as a server-side apply patch', async () => {
    const [policy] = parseManifest(POLICY, 'policy.yaml');
    assert.ok(policy);
    const applied: string[] = [];
    await applyObjects(target.kube, [policy], { onApplied: (what) => applied.push(what) });
    const patch = api.requests.find((r) => r.method === 'PATCH');
    assert.equal(
      patch?.path,
      '/apis/networking.k8s.io/v1/namespaces/payments/networkpolicies/api-from-clients',
    );
    assert.equal(patch?.contentType, 'application/apply-patch+yaml');
    assert.equal(patch?.query.get('fieldManager'), 'cks-lab');
    assert.equal(patch?.query.get('force'), 'true');
    assert.deepEqual(patch?.body, policy);
    const stored = api.get('networking.k8s.io/v1', 'NetworkPolicy', 'api-from-clients', 'payments');
    assert.deepEqual((stored?.spec as { ingress: unknown[] }).ingress, [
      {
        from: [
          {
            namespaceSelector: { matchLabels: { team: 'checkout' } },
            podSelector: { matchLabels: { role: 'client' } },
          },
        ],
        ports: [{ port: 8080, protocol: 'TCP' }],
      },
    ]);
    assert.deepEqual(applied, ['NetworkPolicy payments/api-from-clients']);
  });

  it('refuses an object without a name instead of guessing one', async () => {
    await assert.rejects(
      applyObjects(target.kube, [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { namespace: 'x' } }]),
      /cannot apply ConfigMap x\/\?: it has no metadata.name/,
    );
  });
});
