import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalizeImageRef } from '../../../server/clusters/kind/image-ref.js';

const cases: [string, string][] = [
  ['busybox:1.37', 'docker.io/library/busybox:1.37'],
  ['busybox', 'docker.io/library/busybox:latest'],
  ['bitnami/kubectl:1.32', 'docker.io/bitnami/kubectl:1.32'],
  ['registry.k8s.io/pause:3.10', 'registry.k8s.io/pause:3.10'],
  ['localhost/app', 'localhost/app:latest'],
  ['localhost:5000/team/app:v1', 'localhost:5000/team/app:v1'],
  ['nginx@sha256:abc', 'docker.io/library/nginx@sha256:abc'],
  ['nginx:1.27@sha256:abc', 'docker.io/library/nginx:1.27@sha256:abc'],
];

for (const [input, expected] of cases)
  test(`${input} → ${expected}`, () => assert.equal(normalizeImageRef(input), expected));

test('refuses empty, spaced or option-like references', () => {
  for (const bad of ['', 'a b', '--all'])
    assert.throws(() => normalizeImageRef(bad), /invalid image reference/);
});
