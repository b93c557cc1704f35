import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { InvalidArgumentError } from '../../../server/clusters/errors.js';
import {
  clusterNodes,
  controlPlaneNodeName,
  networkName,
  nodeRole,
  resolveNode,
  validateClusterName,
} from '../../../server/clusters/kind/names.js';
import type { ClusterNode } from '../../../server/clusters/types.js';

describe('validateClusterName', () => {
  for (const good of ['a', 'cks-1a2b', '0abc', 'a'.repeat(32), 'lab-'])
    test(`accepts "${good}"`, () => assert.equal(validateClusterName(good), good));

  for (const bad of ['', 'A', 'has_underscore', 'a.b', 'a'.repeat(33), '-leading', 'sp ace', 'ünï'])
    test(`rejects "${bad}" naming the argument`, () => {
      assert.throws(
        () => validateClusterName(bad, 'NAME'),
        (error: unknown) =>
          error instanceof InvalidArgumentError && error.message.startsWith(`invalid NAME "${bad}"`),
      );
    });
});

test('network and node names follow the cluster name', () => {
  assert.equal(networkName('cks-x'), 'kind-cks-x');
  assert.equal(controlPlaneNodeName('cks-x'), 'cks-x-control-plane');
});

describe('nodeRole', () => {
  test('recognises kind node names of this cluster', () => {
    assert.equal(nodeRole('lab', 'lab-control-plane'), 'control-plane');
    assert.equal(nodeRole('lab', 'lab-worker'), 'worker');
    assert.equal(nodeRole('lab', 'lab-worker2'), 'worker');
  });
  test("refuses other clusters' nodes and other containers", () => {
    assert.equal(nodeRole('lab', 'lab2-control-plane'), null);
    assert.equal(nodeRole('lab', 'other-worker'), null);
    assert.equal(nodeRole('lab', 'lab-registry'), null);
    assert.equal(nodeRole('lab', 'lab'), null);
  });
});

describe('resolveNode', () => {
  const nodes: ClusterNode[] = [
    { name: 'lab-control-plane', role: 'control-plane' },
    { name: 'lab-worker', role: 'worker' },
  ];
  test('defaults to the control-plane', () =>
    assert.equal(resolveNode(nodes, undefined).name, 'lab-control-plane'));
  test('understands exam aliases and roles', () => {
    assert.equal(resolveNode(nodes, 'node01').name, 'lab-worker');
    assert.equal(resolveNode(nodes, 'worker').name, 'lab-worker');
    assert.equal(resolveNode(nodes, 'controlplane').name, 'lab-control-plane');
  });
  test('accepts a full node name', () => assert.equal(resolveNode(nodes, 'lab-worker').name, 'lab-worker'));
  test('an unknown node lists the choices', () => {
    assert.throws(
      () => resolveNode(nodes, 'node02'),
      /unknown node "node02": use one of lab-control-plane, lab-worker/,
    );
  });
  test('node01 on a single-node cluster is an error', () => {
    assert.throws(() => resolveNode(nodes.slice(0, 1), 'node01'), InvalidArgumentError);
  });
});

test("clusterNodes keeps this cluster's nodes, control-plane first", () => {
  assert.deepEqual(clusterNodes('lab', ['lab-worker2', 'lab-worker', 'lab-control-plane', 'lab-extra']), [
    { name: 'lab-control-plane', role: 'control-plane' },
    { name: 'lab-worker', role: 'worker' },
    { name: 'lab-worker2', role: 'worker' },
  ]);
  assert.deepEqual(clusterNodes('lab', []), []);
});
