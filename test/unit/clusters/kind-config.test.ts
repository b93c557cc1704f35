import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import { renderKindConfig } from '../../../server/clusters/kind/kind-config.js';

interface KindConfig {
  kind: string;
  apiVersion: string;
  networking: Record<string, unknown>;
  nodes: { role: string }[];
}

test('one node: a control-plane only, API server on loopback, kind picks the port', () => {
  const config = parse(renderKindConfig({ nodes: 1 })) as KindConfig;
  assert.equal(config.kind, 'Cluster');
  assert.equal(config.apiVersion, 'kind.x-k8s.io/v1alpha4');
  assert.deepEqual(config.networking, { apiServerAddress: '127.0.0.1' });
  assert.deepEqual(config.nodes, [{ role: 'control-plane' }]);
});

test('two nodes: control-plane then worker', () => {
  const config = parse(renderKindConfig({ nodes: 2 })) as KindConfig;
  assert.deepEqual(
    config.nodes.map((node) => node.role),
    ['control-plane', 'worker'],
  );
});
