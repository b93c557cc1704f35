import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HOST_PACKAGES, packagesToInstall } from '../../infra/host/packages.js';

test('packages already provided by an alternative (Docker CE) are not installed again', () => {
  const all = HOST_PACKAGES.map((n) => n.install);
  assert.deepEqual(packagesToInstall(HOST_PACKAGES, new Set()), all);
  const dockerCe = new Set(['docker-ce', 'containerd.io', 'jq', 'iptables', 'curl', 'ca-certificates']);
  assert.deepEqual(packagesToInstall(HOST_PACKAGES, dockerCe), [
    'debootstrap',
    'busybox-static',
    'gcc',
    'libc6-dev',
    'python3',
  ]);
  assert.deepEqual(packagesToInstall(HOST_PACKAGES, new Set(all)), []);
});
