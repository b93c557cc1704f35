import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { V1Node, V1Pod } from '@kubernetes/client-node';
import {
  describeNodes,
  describePods,
  nodeIsReady,
  podIsReady,
} from '../../../server/clusters/kind/readiness.js';

function node(name: string, ready: string, reason?: string, message?: string): V1Node {
  return { metadata: { name }, status: { conditions: [{ type: 'Ready', status: ready, reason, message }] } };
}

test('nodeIsReady follows the Ready condition', () => {
  assert.equal(nodeIsReady(node('a', 'True')), true);
  assert.equal(nodeIsReady(node('a', 'False')), false);
  assert.equal(nodeIsReady({ metadata: { name: 'a' } }), false);
});

test('describeNodes says which nodes are missing or not Ready, and why', () => {
  const nodes = [
    node('lab-control-plane', 'True'),
    node('lab-worker', 'False', 'KubeletNotReady', 'cni not ready'),
  ];
  assert.equal(describeNodes(nodes, 2), 'lab-worker: Ready=False (KubeletNotReady: cni not ready)');
  assert.equal(describeNodes(nodes.slice(0, 1), 2), '1 of 2 nodes registered');
  assert.equal(describeNodes([node('a', 'True')], 1), 'all nodes Ready');
});

test('describePods names waiting pods with their container state', () => {
  const waiting: V1Pod = {
    metadata: { name: 'coredns-1' },
    status: {
      phase: 'Pending',
      containerStatuses: [
        {
          name: 'coredns',
          image: '',
          imageID: '',
          ready: false,
          restartCount: 0,
          state: { waiting: { reason: 'ErrImageNeverPull' } },
        },
      ],
    },
  };
  const ready: V1Pod = {
    metadata: { name: 'coredns-2' },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] },
  };
  const leaving: V1Pod = {
    metadata: { name: 'coredns-0', deletionTimestamp: new Date() },
    status: { phase: 'Running' },
  };
  assert.equal(podIsReady(ready), true);
  assert.equal(describePods([waiting, ready, leaving]), 'coredns-1: Pending (ErrImageNeverPull)');
  assert.equal(describePods([leaving]), 'no pods yet');
});
