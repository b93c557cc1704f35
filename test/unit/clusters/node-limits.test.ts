import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dockerUpdateFlags } from '../../../server/clusters/kind/node-limits.js';

test('docker update flags: memory and swap together, CPUs, pids', () => {
  assert.deepEqual(dockerUpdateFlags({ memoryBytes: 2147483648, cpus: 1.5, pids: 4096 }), [
    '--memory',
    '2147483648',
    '--memory-swap',
    '2147483648',
    '--cpus',
    '1.5',
    '--pids-limit',
    '4096',
  ]);
});

test('a limit that is off adds no flag', () => {
  assert.deepEqual(dockerUpdateFlags({ memoryBytes: null, cpus: 0.75, pids: null }), ['--cpus', '0.75']);
  assert.deepEqual(dockerUpdateFlags({ memoryBytes: null, cpus: null, pids: null }), []);
});
