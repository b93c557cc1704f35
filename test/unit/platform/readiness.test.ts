import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describePlatform } from '../../../server/platform/describe.js';
import { PlatformReadiness } from '../../../server/platform/readiness.js';
import type { PlatformStatus } from '../../../server/platform/types.js';

const PROBLEM = {
  message: 'No Docker engine answers (no socket).',
  command: 'sudo npx cks-lab host prepare',
};

describe('platform readiness', () => {
  it('starts checking, and is not ready until told', () => {
    const readiness = new PlatformReadiness();
    assert.equal(readiness.status().state, 'checking');
    assert.equal(readiness.isReady(), false);
    assert.match(readiness.blocker() ?? '', /Checking the lab platform/);
  });

  it('turns the build’s progress events into task, step and detail', () => {
    const readiness = new PlatformReadiness();
    readiness.beginTask('building the node image', 2, 2);
    readiness.progress({
      kind: 'start',
      step: 'Debian rootfs for the node (debootstrap)',
      index: 2,
      total: 7,
    });
    readiness.progress({
      kind: 'info',
      step: 'Debian rootfs for the node (debootstrap)',
      message: '  I: Retrieving Release  ',
    });
    let status = readiness.status();
    assert.equal(status.state, 'building');
    assert.deepEqual(status.task, { label: 'building the node image', index: 2, total: 2 });
    assert.deepEqual(status.step, {
      name: 'Debian rootfs for the node (debootstrap)',
      index: 2,
      total: 7,
      done: false,
    });
    assert.equal(status.detail, 'I: Retrieving Release');
    assert.ok(status.startedAt && !Number.isNaN(Date.parse(status.startedAt)));
    assert.equal(
      status.summary,
      'Preparing the lab platform: building the node image (task 2/2) — step 2/7: Debian rootfs for the node (debootstrap). Labs can start when it is done.',
    );
    readiness.progress({
      kind: 'end',
      step: 'Debian rootfs for the node (debootstrap)',
      index: 2,
      total: 7,
      durationMs: 5,
    });
    status = readiness.status();
    assert.equal(status.step?.done, true);
    assert.equal(readiness.blocker(), status.summary, 'the 503 message is the sentence the catalog shows');
    readiness.close();
  });

  it('keeps the step reached and the problem when the build fails', () => {
    const readiness = new PlatformReadiness();
    readiness.beginTask('building the node image', 1, 1);
    readiness.progress({ kind: 'start', step: 'assemble the node rootfs', index: 5, total: 7 });
    readiness.progress({ kind: 'fail', step: 'assemble the node rootfs', error: 'tar: no space left\nmore' });
    readiness.fail({
      message: 'Building the node image failed: tar: no space left.',
      command: 'npx cks-lab image build',
    });
    const status = readiness.status();
    assert.equal(status.state, 'failed');
    assert.equal(status.step?.index, 5);
    assert.equal(status.detail, 'assemble the node rootfs failed: tar: no space left');
    assert.match(
      status.summary,
      /^Preparing the lab platform failed: Building the node image failed: tar: no space left\. Run on the server: npx cks-lab image build$/,
    );
  });

  it('says what to run while blocked, and clears everything once ready', () => {
    const readiness = new PlatformReadiness();
    readiness.block(PROBLEM);
    assert.equal(readiness.status().state, 'blocked');
    assert.equal(
      readiness.blocker(),
      'Labs cannot start yet: No Docker engine answers (no socket). Run on the server: sudo npx cks-lab host prepare',
    );
    readiness.ready();
    const status = readiness.status();
    assert.equal(status.state, 'ready');
    assert.equal(readiness.blocker(), null);
    assert.equal(status.problem, null);
    assert.equal(status.summary, '');
  });

  it('ignores progress events outside a task (a late line after ready changes nothing)', () => {
    const readiness = PlatformReadiness.alreadyReady();
    readiness.progress({ kind: 'start', step: 'late', index: 1, total: 1 });
    assert.equal(readiness.status().state, 'ready');
    assert.equal(readiness.status().step, null);
  });

  it('pushes step changes at once, output lines at most once per interval, and no repeats', async () => {
    const readiness = new PlatformReadiness({ detailIntervalMs: 30 });
    const seen: PlatformStatus[] = [];
    readiness.subscribe((status) => seen.push(status));
    readiness.beginTask('building the node image', 1, 1);
    readiness.progress({ kind: 'start', step: 'build Go tools', index: 1, total: 7 });
    assert.equal(seen.length, 2);
    for (let i = 0; i < 50; i += 1)
      readiness.progress({ kind: 'info', step: 'build Go tools', message: `line ${i}` });
    assert.equal(seen.length, 2, 'lines wait for the interval');
    assert.equal(readiness.status().detail, 'line 49', 'but the status has the newest line at once');
    await new Promise((resolve) => setTimeout(resolve, 80));
    assert.equal(seen.length, 3);
    assert.equal(seen.at(-1)?.detail, 'line 49');
    readiness.block(PROBLEM);
    readiness.block(PROBLEM);
    assert.equal(seen.length, 4, 'the same status twice is pushed once');
    readiness.close();
  });

  it('calls onceReady listeners once, at once when already ready, and survives a throwing listener', () => {
    const errors: unknown[] = [];
    const readiness = new PlatformReadiness({ onListenerError: (error) => errors.push(error) });
    let calls = 0;
    readiness.subscribe(() => {
      throw new Error('listener broke');
    });
    readiness.onceReady(() => (calls += 1));
    readiness.beginTask('building the node image', 1, 1);
    assert.equal(calls, 0);
    readiness.ready();
    readiness.fail(PROBLEM);
    readiness.ready();
    assert.equal(calls, 1);
    let immediate = 0;
    readiness.onceReady(() => (immediate += 1));
    assert.equal(immediate, 1);
    assert.ok(errors.length >= 3, 'every push reached the throwing listener, none broke the tracker');
  });
});

describe('describePlatform', () => {
  const base: Omit<PlatformStatus, 'summary'> = {
    state: 'building',
    task: { label: 'building the node image', index: 1, total: 1 },
    step: { name: 'control-plane, CNI and busybox images', index: 3, total: 7, done: false },
    detail: null,
    problem: null,
    startedAt: null,
  };

  it('names the task and the step as "step i/n", without a task count for a single task', () => {
    assert.equal(
      describePlatform(base),
      'Preparing the lab platform: building the node image — step 3/7: control-plane, CNI and busybox images. Labs can start when it is done.',
    );
  });

  it('says only the task before its first step', () => {
    assert.equal(
      describePlatform({ ...base, task: { label: 'preparing the host', index: 1, total: 2 }, step: null }),
      'Preparing the lab platform: preparing the host (task 1/2). Labs can start when it is done.',
    );
  });
});
