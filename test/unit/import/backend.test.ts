import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backendFor } from '../../../server/import/backend.js';
import { ImportError } from '../../../server/import/import-error.js';

describe('backendFor: backend.imageid → number of nodes', () => {
  it('maps the Killercoda kubeadm images to 1 and 2 nodes', () => {
    assert.equal(backendFor('kubernetes-kubeadm-1node').nodes, 1);
    assert.equal(backendFor('kubernetes-kubeadm-2nodes').nodes, 2);
  });

  it("maps Katacoda's running cluster (controlplane + node01) to 2 nodes, with or without a version", () => {
    assert.equal(backendFor('kubernetes-cluster-running').nodes, 2);
    assert.equal(backendFor('kubernetes-cluster-running:1.18').nodes, 2);
  });

  it('refuses anything else and says why', () => {
    assert.throws(
      () => backendFor('ubuntu'),
      (e: Error) => e instanceof ImportError && /not a Kubernetes cluster/.test(e.message),
    );
    assert.throws(() => backendFor('kubernetes-cluster:1.18'), /launch\.sh/);
    assert.throws(() => backendFor('k3s-1node'), /not a kubeadm cluster/);
    assert.throws(() => backendFor(undefined), /no backend\.imageid/);
  });
});
