import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import { bootstrapToken, renderKindConfig } from '../../../server/clusters/kind/kind-config.js';

interface KindConfig {
  kind: string;
  apiVersion: string;
  networking: Record<string, unknown>;
  nodes: { role: string; kubeadmConfigPatches?: string[] }[];
}

const CLUSTER_CONFIGURATION = {
  kind: 'ClusterConfiguration',
  clusterName: 'kubernetes',
  apiServer: { extraArgs: { 'shutdown-send-retry-after': 'true' } },
};

function nodePatches(config: KindConfig): unknown[][] {
  return config.nodes.map((node) =>
    (node.kubeadmConfigPatches ?? []).map((patch) => parse(patch) as unknown),
  );
}

test('one node: a control-plane only, API server on loopback, kind picks the port', () => {
  const config = parse(renderKindConfig({ nodes: 1 })) as KindConfig;
  assert.equal(config.kind, 'Cluster');
  assert.equal(config.apiVersion, 'kind.x-k8s.io/v1alpha4');
  assert.deepEqual(config.networking, { apiServerAddress: '127.0.0.1' });
  assert.deepEqual(
    config.nodes.map((node) => node.role),
    ['control-plane'],
  );
});

test('the exam conventions: cluster "kubernetes" in kubeconfigs, nodes registered as controlplane and node01', () => {
  const one = parse(renderKindConfig({ nodes: 1 })) as KindConfig;
  assert.deepEqual(nodePatches(one), [
    [{ kind: 'InitConfiguration', nodeRegistration: { name: 'controlplane' } }],
  ]);
  const two = parse(renderKindConfig({ nodes: 2 })) as KindConfig;
  assert.deepEqual(nodePatches(two), [
    [{ kind: 'InitConfiguration', nodeRegistration: { name: 'controlplane' } }],
    [{ kind: 'JoinConfiguration', nodeRegistration: { name: 'node01' } }],
  ]);
});

test('the API server stops in seconds when its manifest changes (no 30 s wait for watches to close)', () => {
  const config = parse(renderKindConfig({ nodes: 1 })) as KindConfig & { kubeadmConfigPatches: string[] };
  assert.deepEqual(
    config.kubeadmConfigPatches.map((patch) => parse(patch) as unknown),
    [CLUSTER_CONFIGURATION],
  );
});

test('two nodes: control-plane then worker', () => {
  const config = parse(renderKindConfig({ nodes: 2 })) as KindConfig;
  assert.deepEqual(
    config.nodes.map((node) => node.role),
    ['control-plane', 'worker'],
  );
});

test('a bootstrap token replaces kind’s fixed one in kubeadm’s init and join configs', () => {
  const token = bootstrapToken();
  const config = parse(renderKindConfig({ nodes: 2, bootstrapToken: token })) as KindConfig & {
    kubeadmConfigPatches: string[];
  };
  const patches = config.kubeadmConfigPatches.map((patch) => parse(patch) as Record<string, unknown>);
  assert.deepEqual(patches, [
    CLUSTER_CONFIGURATION,
    { kind: 'InitConfiguration', bootstrapTokens: [{ token }] },
    { kind: 'JoinConfiguration', discovery: { bootstrapToken: { token } } },
  ]);
  assert.throws(() => renderKindConfig({ nodes: 1, bootstrapToken: 'abc.def' }), /6 and 16 characters/);
});

test('bootstrap tokens have kubeadm’s shape and differ every time', () => {
  const tokens = new Set(Array.from({ length: 50 }, () => bootstrapToken()));
  assert.equal(tokens.size, 50);
  for (const token of tokens) assert.match(token, /^[a-z0-9]{6}\.[a-z0-9]{16}$/);
  assert.ok(!tokens.has('abcdef.0123456789abcdef'));
});
