import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatReport } from '../../server/doctor/format.js';
import { isReady } from '../../server/doctor/run-doctor.js';
import type { CheckResult } from '../../server/doctor/types.js';

const passing: CheckResult = { name: 'Docker engine', ok: true, detail: 'server 20.10.24' };
const failing: CheckResult = { name: 'inotify limits', ok: false, detail: 'too low', fix: 'sysctl -w …' };
const warning: CheckResult = {
  name: 'free disk',
  ok: false,
  advisory: true,
  detail: '5 GiB free',
  fix: 'prune',
};

test('advisory failures warn but leave the host ready', () => {
  assert.equal(isReady([passing, warning]), true);
  assert.equal(isReady([passing, failing, warning]), false);
});

test('the report puts a fix under each problem and ends with the verdict', () => {
  const lines = formatReport([passing, failing, warning]).trimEnd().split('\n');
  assert.deepEqual(lines, [
    '✓ Docker engine   server 20.10.24',
    '✗ inotify limits  too low',
    '                  fix: sysctl -w …',
    '! free disk       5 GiB free',
    '                  fix: prune',
    'not ready: 1 problem to fix (1 warning); see the fix lines above',
  ]);
  assert.equal(formatReport([passing]).trimEnd(), '✓ Docker engine  server 20.10.24\nready');
});
