import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkCapacity } from '../../server/doctor/capacity.js';

const GIB = 1024 ** 3;
const host = { memoryBytes: 24 * GIB, cores: 2 };

test('doctor prints the capacity it computed, for 1- and 2-node labs', () => {
  const result = checkCapacity({}, host);
  assert.equal(result.ok, true);
  assert.match(
    result.detail,
    /^24 GiB, 2 cores → up to \d+ labs of 1 node \(each limited to 2 GiB, 1\.5 CPUs, 4096 pids; memory allows \d+, CPU \d+\); 2-node labs: up to \d+$/,
  );
});

test('doctor says when CKS_LAB_MAX_LABS overrides the computed cap', () => {
  assert.match(checkCapacity({ CKS_LAB_MAX_LABS: '9' }, host).detail, /; CKS_LAB_MAX_LABS=9 is in force$/);
});

test('a malformed limit setting is a problem with a fix naming the variable', () => {
  const result = checkCapacity({ CKS_LAB_NODE_PIDS: 'lots' }, host);
  assert.equal(result.ok, false);
  assert.equal(result.advisory, undefined);
  assert.match(result.detail, /invalid CKS_LAB_NODE_PIDS="lots"/);
  assert.equal(result.fix, 'correct or unset CKS_LAB_NODE_PIDS');
});

test('a host too small for one lab at its memory limit gets a warning', () => {
  const result = checkCapacity({}, { memoryBytes: 3 * GIB, cores: 2 });
  assert.equal(result.ok, false);
  assert.equal(result.advisory, true);
  assert.match(result.detail, /up to 1 lab of 1 node .*would not fit/);
  assert.match(result.fix ?? '', /CKS_LAB_NODE_MEMORY/);
});
