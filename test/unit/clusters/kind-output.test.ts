import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  assertKubeconfig,
  kindProgressLine,
  parseKindNames,
} from '../../../server/clusters/kind/kind-output.js';

test('parseKindNames: one name per line, never the "nothing found" notice', () => {
  assert.deepEqual(parseKindNames('cks-a\ncks-b\n\n'), ['cks-a', 'cks-b']);
  assert.deepEqual(parseKindNames('No kind clusters found.\n'), []);
  assert.deepEqual(parseKindNames('No kind nodes found for cluster "x".\n'), []);
});

test('kindProgressLine strips markers and emoji and drops the network warnings', () => {
  assert.equal(kindProgressLine(' ✓ Preparing nodes 📦 📦  '), 'Preparing nodes');
  assert.equal(kindProgressLine(' • Writing configuration 📜  ...'), 'Writing configuration ...');
  assert.equal(kindProgressLine('Creating cluster "lab" ...'), 'Creating cluster "lab" ...');
  assert.equal(
    kindProgressLine('WARNING: Overriding docker network due to KIND_EXPERIMENTAL_DOCKER_NETWORK'),
    null,
  );
  assert.equal(kindProgressLine('WARNING: Here be dragons! This is not supported currently.'), null);
  assert.equal(kindProgressLine('   '), null);
});

test('assertKubeconfig accepts a kubeconfig and refuses anything else', () => {
  const kubeconfig =
    'apiVersion: v1\nclusters:\n- cluster:\n    server: https://127.0.0.1:40123\n  name: kind-lab\n';
  assert.equal(assertKubeconfig(kubeconfig, 'lab'), kubeconfig);
  assert.throws(() => assertKubeconfig('', 'lab'), /no usable kubeconfig for cluster lab/);
});
