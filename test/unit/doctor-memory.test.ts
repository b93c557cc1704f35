import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseMeminfo } from '../../server/doctor/memory.js';

test('parseMeminfo reads kB fields', () => {
  const info = parseMeminfo('MemTotal:       24576000 kB\nMemFree:  100 kB\nHugePages_Total:       0\n');
  assert.deepEqual(info, { MemTotal: 24576000, MemFree: 100 });
});
