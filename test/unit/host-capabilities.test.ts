import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  CAPABILITY_NAMES,
  capabilitiesMissingFrom,
  parseBoundingSet,
} from '../../infra/host/capabilities.js';

test('the capability table numbers match linux/capability.h', () => {
  assert.equal(CAPABILITY_NAMES.length, 41);
  assert.equal(CAPABILITY_NAMES[21], 'CAP_SYS_ADMIN');
  assert.equal(CAPABILITY_NAMES[24], 'CAP_SYS_RESOURCE');
  assert.equal(CAPABILITY_NAMES[40], 'CAP_CHECKPOINT_RESTORE');
});

test('parseBoundingSet reads CapBnd and rejects status text without it', () => {
  assert.equal(parseBoundingSet('CapPrm:\t0000000000000000\nCapBnd:\t000001fffeffffff\n'), 0x1fffeffffffn);
  assert.throws(() => parseBoundingSet('Name:\tnode\n'), /no CapBnd/);
});

test('capabilitiesMissingFrom lists what privileged containers would be refused, up to cap_last_cap', () => {
  assert.deepEqual(capabilitiesMissingFrom(0x1fffeffffffn, 40), ['CAP_SYS_RESOURCE']);
  assert.deepEqual(capabilitiesMissingFrom(0x1ffffffffffn, 40), []);
  // an older kernel whose last capability is 37: bits above it are not asked for
  assert.deepEqual(capabilitiesMissingFrom(0x3fffffffffn, 37), []);
  assert.deepEqual(capabilitiesMissingFrom(0x3ffeffffffn, 40), [
    'CAP_SYS_RESOURCE',
    'CAP_PERFMON',
    'CAP_BPF',
    'CAP_CHECKPOINT_RESTORE',
  ]);
});
