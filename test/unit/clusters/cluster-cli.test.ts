import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { main } from '../../../server/cli/main.js';
import { parseClusterName, parseNodeCount, parseSeconds } from '../../../server/cli/commands/cluster.js';
import { UserError } from '../../../server/cli/user-error.js';

test('parseNodeCount takes 1 or 2 and names --nodes otherwise', () => {
  assert.equal(parseNodeCount('1'), 1);
  assert.equal(parseNodeCount('2'), 2);
  for (const bad of ['0', '3', 'two', ''])
    assert.throws(
      () => parseNodeCount(bad),
      (e: unknown) => e instanceof UserError && e.exitCode === 2 && /--nodes/.test(e.message),
    );
});

test('parseSeconds takes whole positive seconds', () => {
  assert.equal(parseSeconds('--timeout', '90'), 90_000);
  for (const bad of ['0', '-1', '1.5', 'soon'])
    assert.throws(() => parseSeconds('--timeout', bad), /invalid --timeout/);
});

test('parseClusterName turns a bad name into a usage error naming NAME', () => {
  assert.equal(parseClusterName('cks-1'), 'cks-1');
  assert.throws(
    () => parseClusterName('Bad_Name'),
    (e: unknown) => e instanceof UserError && e.exitCode === 2 && /invalid NAME "Bad_Name"/.test(e.message),
  );
});

/** Runs the CLI in-process, capturing stderr. */
async function cli(...args: string[]): Promise<{ code: number; stderr: string }> {
  const write = process.stderr.write.bind(process.stderr);
  let stderr = '';
  process.stderr.write = ((chunk: string | Uint8Array) => {
    stderr += chunk.toString();
    return true;
  }) as typeof process.stderr.write;
  try {
    const code = await main(['node', 'cks-lab', ...args]);
    return { code, stderr };
  } finally {
    process.stderr.write = write;
  }
}

// Each of these fails validation before any docker or kind command could run: bad input changes nothing.
describe('cluster commands refuse bad arguments with exit code 2', () => {
  const cases: [string[], RegExp][] = [
    [['cluster', 'create', 'Bad_Name'], /invalid NAME "Bad_Name"/],
    [['cluster', 'create', 'ok', '--nodes', '3'], /invalid --nodes "3"/],
    [['cluster', 'delete', '-x'], /unknown option '-x'/],
    [['cluster', 'kubeconfig', 'UPPER'], /invalid NAME "UPPER"/],
    [['cluster', 'exec', 'a_b', '--', 'true'], /invalid NAME "a_b"/],
    [['cluster', 'exec', 'ok', '--timeout', 'x', '--', 'true'], /invalid --timeout "x"/],
  ];
  for (const [args, message] of cases) {
    test(args.join(' '), async () => {
      const { code, stderr } = await cli(...args);
      assert.match(stderr, message);
      assert.ok(code === 2 || code === 1, `exit code ${code}`);
      if (!/unknown option/.test(stderr)) assert.equal(code, 2);
    });
  }
});
