import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Deadline, pollUntil } from '../../../server/clusters/kind/deadline.js';

test('pollUntil returns the first value an attempt produces', async () => {
  let calls = 0;
  const value = await pollUntil(
    'counting',
    Deadline.in(5000),
    async () => {
      calls += 1;
      if (calls < 3) throw new Error(`only ${calls}`);
      return calls;
    },
    10,
  );
  assert.equal(value, 3);
});

test('pollUntil gives up once the deadline has passed, with the last reason', async () => {
  // a fake clock on which each attempt takes 40 ms: a 150 ms deadline is reached after exactly 4 attempts, however
  // slow or busy this machine is
  let now = 0;
  let attempts = 0;
  await assert.rejects(
    pollUntil(
      'waiting for sshd',
      Deadline.in(150, undefined, () => now),
      async () => {
        attempts += 1;
        now += 40;
        if (attempts > 20) return 'still polling long after the deadline';
        throw new Error(`connection refused (attempt ${attempts})`);
      },
      1,
    ),
    { message: 'timed out while waiting for sshd; last result: connection refused (attempt 4)' },
  );
  assert.equal(attempts, 4, 'gave up at the deadline, not before it and not after');
});

test('pollUntil stops when the caller cancels', async () => {
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 50);
  await assert.rejects(
    pollUntil(
      'waiting forever',
      Deadline.in(60_000, controller.signal),
      async () => {
        throw new Error('never');
      },
      10_000,
    ),
    /cancelled while waiting forever/,
  );
});
