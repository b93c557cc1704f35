import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseClusterNetworks } from '../../../server/clusters/kind/leftover-networks.js';

const network = (
  name: string,
  labels: Record<string, string> | null,
  created = '2026-01-02T03:04:05.123456789Z',
) => ({
  Name: name,
  Created: created,
  Labels: labels,
  Containers: {},
});

// Reconcile deletes what this returns: a network is taken for cks-lab's only when it carries our label AND the
// name create-cluster gives it, so a label copied onto someone else's network cannot get that network removed.
describe('parseClusterNetworks', () => {
  it('keeps networks cks-lab made for a cluster, with their creation time', () => {
    const json = JSON.stringify([network('kind-cks-abcd1234', { 'io.cks-lab.cluster': 'cks-abcd1234' })]);
    assert.deepEqual(parseClusterNetworks(json), [
      {
        cluster: 'cks-abcd1234',
        network: 'kind-cks-abcd1234',
        createdAt: new Date('2026-01-02T03:04:05.123Z'),
      },
    ]);
  });

  it('drops networks whose name is not the one cks-lab gives the labelled cluster', () => {
    const json = JSON.stringify([
      network('corp-net', { 'io.cks-lab.cluster': 'cks-abcd1234' }),
      network('kind-cks-abcd1234', { 'io.cks-lab.cluster': 'cks-other000' }),
      network('kind-cks-abcd1234', null),
      network('kind-cks-abcd1234', { 'io.cks-lab.cluster': 'cks-abcd1234' }, 'not a time'),
    ]);
    assert.deepEqual(parseClusterNetworks(json), []);
  });
});
