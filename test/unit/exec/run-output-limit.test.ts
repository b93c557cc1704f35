import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CommandError, OutputLimitError, run } from '../../../server/exec/run.js';

const MIB = 1024 * 1024;

describe('run() output limit', () => {
  it('kills a command that writes endlessly at the limit and rejects with OutputLimitError', async () => {
    const rssBefore = process.memoryUsage().rss;
    const started = Date.now();
    const error = await run(['cat', '/dev/zero'], { maxOutputBytes: 2 * MIB, timeoutMs: 30_000 }).then(
      () => assert.fail('cat /dev/zero cannot finish'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof OutputLimitError, String(error));
    assert.ok(error instanceof CommandError); // callers that only know CommandError still see a failure
    assert.equal(error.reason, 'output');
    assert.equal(error.limitBytes, 2 * MIB);
    assert.equal(error.result.stdout.length, 2 * MIB); // exactly up to the limit, nothing after it
    assert.match(error.message, /printed more output than is read, and was killed: cat \/dev\/zero/);
    assert.ok(Date.now() - started < 10_000, 'killed at the limit, not at the timeout');
    assert.ok(process.memoryUsage().rss - rssBefore < 100 * MIB, 'memory stays near the limit');
  });

  it('counts stdout and stderr together, and allowFailure does not turn a cap into a result', async () => {
    const error = await run(['bash', '-c', 'while :; do echo out; echo err >&2; done'], {
      maxOutputBytes: 64 * 1024,
      allowFailure: true,
    }).then(
      () => assert.fail('the loop never ends'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof OutputLimitError);
    const { stdout, stderr } = error.result;
    assert.equal(Buffer.byteLength(stdout) + Buffer.byteLength(stderr), 64 * 1024);
    assert.ok(stdout.length > 0 && stderr.length > 0);
  });

  it('stops at the limit even when a grandchild keeps the pipe open', async () => {
    const started = Date.now();
    await assert.rejects(
      run(['bash', '-c', '(cat /dev/zero &) ; sleep 30'], { maxOutputBytes: MIB, timeoutMs: 60_000 }),
      OutputLimitError,
    );
    assert.ok(Date.now() - started < 10_000);
  });

  it('output of exactly the limit is fine', async () => {
    const result = await run(['head', '-c', String(MIB), '/dev/zero'], { maxOutputBytes: MIB });
    assert.equal(result.stdout.length, MIB);
  });

  it('has a default of a few MiB', async () => {
    await assert.rejects(run(['cat', '/dev/zero']), (e: unknown) => {
      assert.ok(e instanceof OutputLimitError);
      assert.equal(e.limitBytes, 8 * MIB);
      return true;
    });
  });
});
