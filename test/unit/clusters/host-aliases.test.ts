import assert from 'node:assert/strict';
import { test } from 'node:test';
import { examAliases, withHostAliases } from '../../../server/clusters/kind/host-aliases.js';
import type { ClusterNode } from '../../../server/clusters/types.js';

const dockerHosts = '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost\n172.19.0.2\tlab-control-plane\n';

test('adds alias lines after the existing entries', () => {
  const hosts = withHostAliases(dockerHosts, [{ ip: '172.19.0.2', names: ['controlplane'] }]);
  assert.equal(hosts, `${dockerHosts}172.19.0.2\tcontrolplane # cks-lab\n`);
});

test('is idempotent and replaces earlier cks-lab lines', () => {
  const once = withHostAliases(dockerHosts, [{ ip: '172.19.0.9', names: ['node01'] }]);
  const again = withHostAliases(once, [{ ip: '172.19.0.3', names: ['node01'] }]);
  assert.equal(again, `${dockerHosts}172.19.0.3\tnode01 # cks-lab\n`);
  assert.equal(withHostAliases(again, [{ ip: '172.19.0.3', names: ['node01'] }]), again);
});

test('examAliases: controlplane for the control-plane, node01 for the first worker only', () => {
  const nodes: ClusterNode[] = [
    { name: 'lab-control-plane', role: 'control-plane' },
    { name: 'lab-worker', role: 'worker' },
    { name: 'lab-worker2', role: 'worker' },
  ];
  const ips = new Map([
    ['lab-control-plane', '10.0.0.2'],
    ['lab-worker', '10.0.0.3'],
    ['lab-worker2', '10.0.0.4'],
  ]);
  assert.deepEqual(examAliases(nodes, ips), [
    { ip: '10.0.0.2', names: ['controlplane'] },
    { ip: '10.0.0.3', names: ['node01'] },
  ]);
  assert.throws(() => examAliases(nodes, new Map()), /no address known for node lab-control-plane/);
});
