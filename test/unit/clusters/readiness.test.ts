import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { V1Node, V1Pod } from '@kubernetes/client-node';
import {
  describeNodes,
  describePods,
  nodeAgentsReady,
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

function agent(app: string, node: string, ready: boolean): V1Pod {
  return {
    metadata: { name: `${app}-${node}`, labels: { 'k8s-app': app } },
    spec: { nodeName: node, containers: [] },
    status: {
      phase: ready ? 'Running' : 'Pending',
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
    },
  };
}

test('nodeAgentsReady needs every node agent Ready on every node, kube-proxy included', () => {
  const all = (nodes: string[], apps: string[]) =>
    apps.flatMap((app) => nodes.map((n) => agent(app, n, true)));
  const offline = ['kube-proxy', 'cks-lab-netd', 'cks-lab-netpol'];
  assert.equal(nodeAgentsReady(all(['cp', 'w'], offline), 2), true);
  // the CI failure: the worker's NetworkPolicy firewall still Pending when the cluster was called ready
  const late = [...all(['cp', 'w'], ['kube-proxy', 'cks-lab-netd']), agent('cks-lab-netpol', 'cp', true)];
  assert.equal(nodeAgentsReady([...late, agent('cks-lab-netpol', 'w', false)], 2), false);
  assert.equal(nodeAgentsReady(late, 2), false, 'a DaemonSet pod not created yet counts as not Ready');
  assert.equal(
    nodeAgentsReady(all(['cp'], ['cks-lab-netd', 'cks-lab-netpol']), 1),
    false,
    'no kube-proxy yet',
  );
  // the online image runs kindnet instead of cks-lab-netd and -netpol
  assert.equal(nodeAgentsReady(all(['cp', 'w'], ['kube-proxy', 'kindnet']), 2), true);
});
