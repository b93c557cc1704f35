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

test('pollUntil times out with the last reason', async () => {
  const started = Date.now();
  await assert.rejects(
    pollUntil(
      'waiting for sshd',
      Deadline.in(150),
      async () => {
        throw new Error('connection refused');
      },
      20,
    ),
    /timed out while waiting for sshd; last result: connection refused/,
  );
  assert.ok(Date.now() - started < 2000, 'gave up at the deadline');
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
