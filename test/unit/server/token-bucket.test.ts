import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ClientGuard } from '../../../server/terminal/client-guard.js';
import { DEFAULT_TERMINAL_LIMITS } from '../../../server/terminal/limits.js';
import { KeyedTokenBuckets, TokenBucket } from '../../../server/terminal/token-bucket.js';

/** A clock the test moves by hand: no test here waits on real time. */
function manualClock() {
  let now = 0;
  return { clock: () => now, advance: (ms: number) => (now += ms) };
}

describe('token buckets', () => {
  it('allows a burst, then one event per refill interval', () => {
    const { clock, advance } = manualClock();
    const bucket = new TokenBucket({ burst: 3, refillEveryMs: 1000 }, clock);
    assert.deepEqual([bucket.take(), bucket.take(), bucket.take(), bucket.take()], [true, true, true, false]);
    assert.equal(bucket.waitMs(), 1000);
    advance(999);
    assert.equal(bucket.take(), false);
    advance(1);
    assert.equal(bucket.take(), true);
    advance(60_000);
    assert.equal(bucket.isFull(), true, 'never more than the burst, however long it waited');
    assert.deepEqual([bucket.take(), bucket.take(), bucket.take(), bucket.take()], [true, true, true, false]);
  });

  it('keeps one bucket per key and forgets keys that are idle again', () => {
    const { clock, advance } = manualClock();
    const labs = new KeyedTokenBuckets({ burst: 1, refillEveryMs: 1000 }, clock);
    assert.equal(labs.take('a'), true);
    assert.equal(labs.take('a'), false, "lab a's attaches are used up");
    assert.equal(labs.take('b'), true, 'lab b has its own');
    advance(1000);
    labs.take('c');
    assert.equal(labs.size, 1, 'a and b refilled and were forgotten');
  });
});

describe('client guard', () => {
  it('tells a person once about refused input, and drops a client that keeps going', () => {
    const { clock } = manualClock();
    const guard = new ClientGuard(
      { ...DEFAULT_TERMINAL_LIMITS, refusals: { burst: 3, refillEveryMs: 1000 } },
      clock,
    );
    assert.deepEqual(
      [guard.refused('input'), guard.refused('input'), guard.refused('input'), guard.refused('input')],
      ['notify', 'quiet', 'quiet', 'drop'],
    );
  });

  it('answers every refused attach (the page is waiting for one)', () => {
    const { clock } = manualClock();
    const guard = new ClientGuard(
      { ...DEFAULT_TERMINAL_LIMITS, refusals: { burst: 2, refillEveryMs: 1000 } },
      clock,
    );
    assert.deepEqual(
      [guard.refused('attach'), guard.refused('attach'), guard.refused('attach')],
      ['notify', 'notify', 'drop'],
    );
  });
});
