import assert from 'node:assert/strict';
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CommandError, run } from '../../../server/exec/run.js';
import { tempDir } from '../server/harness.js';

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

describe('run() cancellation', () => {
  it('rejects at once for an already-aborted signal and starts nothing', async () => {
    const marker = join(await tempDir('run-abort-'), 'ran');
    const error = await run(['touch', '--', marker], { signal: AbortSignal.abort() }).then(
      () => assert.fail('an aborted run must not succeed'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof CommandError, String(error));
    assert.equal(error.reason, 'aborted');
    assert.match(error.message, /was cancelled: touch/);
    // touch would have created it had it been spawned (a spawned process is not stopped by a later kill in time)
    await run(['true']); // let any stray child finish its work first
    assert.equal(await exists(marker), false, 'the command must not have run');
  });

  it('kills a running command when the signal aborts', { timeout: 30_000 }, async () => {
    const abort = new AbortController();
    const running = run(['sleep', '600'], { signal: abort.signal, timeoutMs: 600_000 });
    abort.abort();
    await assert.rejects(running, (e: unknown) => e instanceof CommandError && e.reason === 'aborted');
  });
});
