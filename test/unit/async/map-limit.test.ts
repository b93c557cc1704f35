import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mapLimit } from '../../../server/async/map-limit.js';

/** A promise the test resolves by hand, to control which work finishes first. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

describe('mapLimit', () => {
  it('never runs more than the limit at once and keeps results in item order', async () => {
    const gates = [gate(), gate(), gate(), gate()];
    let running = 0;
    let peak = 0;
    const started: number[] = [];
    const result = mapLimit([0, 1, 2, 3], 2, async (item) => {
      started.push(item);
      running += 1;
      peak = Math.max(peak, running);
      await gates[item]!.promise;
      running -= 1;
      return item * 10;
    });
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(started, [0, 1], 'only two start');
    gates[1]!.open(); // the second finishes first: the third item starts in its place
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(started, [0, 1, 2]);
    for (const g of gates) g.open();
    assert.deepEqual(await result, [0, 10, 20, 30]);
    assert.equal(peak, 2);
  });

  it('starts nothing new after a rejection and rejects once the running work has settled', async () => {
    const slow = gate();
    let slowDone = false;
    const started: number[] = [];
    const result = mapLimit([0, 1, 2, 3], 2, async (item) => {
      started.push(item);
      if (item === 0) throw new Error('boom');
      await slow.promise;
      slowDone = true;
      return item;
    });
    await new Promise((resolve) => setImmediate(resolve));
    slow.open();
    await assert.rejects(result, /boom/);
    assert.equal(slowDone, true, 'the running item settled before the rejection');
    assert.deepEqual(started, [0, 1]);
  });

  it('refuses a limit below one', async () => {
    await assert.rejects(
      mapLimit([1], 0, async (x) => x),
      /whole number ≥ 1/,
    );
  });
});
