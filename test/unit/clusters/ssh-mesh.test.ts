import assert from 'node:assert/strict';
import { test } from 'node:test';
import { keyscanCovers, sshHosts } from '../../../server/clusters/kind/ssh-mesh.js';

const scan = [
  '# lab-worker:22 SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3',
  'lab-worker ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA',
  'node01 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA',
  '',
].join('\n');

test('keyscanCovers: every host needs a key line; comments do not count', () => {
  assert.equal(keyscanCovers(scan, ['lab-worker', 'node01']), true);
  assert.equal(keyscanCovers(scan, ['lab-worker', 'node01', '172.19.0.3']), false);
  assert.equal(keyscanCovers('# lab-worker:22 SSH-2.0-OpenSSH_9.2p1\n', ['lab-worker']), false);
});

test('sshHosts: a node answers to its exam name, its container name and its address', () => {
  assert.deepEqual(sshHosts({ name: 'lab-worker', examName: 'node01', ip: '172.19.0.3' }), [
    'node01',
    'lab-worker',
    '172.19.0.3',
  ]);
});
