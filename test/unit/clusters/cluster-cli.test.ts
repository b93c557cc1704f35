import assert from 'node:assert/strict';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
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

/**
 * Fake `docker` and `kind` first on PATH (and as CKS_LAB_KIND) that append their argv to a log and succeed with
 * no output: whatever the CLI runs shows up in the log instead of touching a real engine.
 */
async function installFakeTools(): Promise<{ calls: () => Promise<string[]>; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'cks-cli-fakes-'));
  const log = join(dir, 'calls.log');
  await writeFile(log, '');
  for (const tool of ['docker', 'kind']) {
    const script = `#!/bin/sh\nprintf '%s\\n' "${tool} $*" >> '${log}'\n`;
    await writeFile(join(dir, tool), script);
    await chmod(join(dir, tool), 0o755);
  }
  const saved = {
    PATH: process.env.PATH,
    kind: process.env.CKS_LAB_KIND,
    cache: process.env.CKS_LAB_CACHE_DIR,
  };
  process.env.PATH = `${dir}${delimiter}${process.env.PATH ?? ''}`;
  process.env.CKS_LAB_KIND = join(dir, 'kind');
  process.env.CKS_LAB_CACHE_DIR = join(dir, 'cache');
  const restore = (name: string, value: string | undefined) => {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  };
  return {
    calls: async () => (await readFile(log, 'utf8')).split('\n').filter(Boolean),
    remove: async () => {
      restore('PATH', saved.PATH);
      restore('CKS_LAB_KIND', saved.kind);
      restore('CKS_LAB_CACHE_DIR', saved.cache);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

// Each of these fails validation before any docker or kind command could run: bad input changes nothing.
describe('cluster commands refuse bad arguments with exit code 2 and run nothing', () => {
  let fakes: Awaited<ReturnType<typeof installFakeTools>>;
  before(async () => {
    fakes = await installFakeTools();
  });
  after(() => fakes.remove());

  test('the fakes see what a valid command runs (so an empty log below means nothing ran)', async () => {
    const { code, stderr } = await cli('cluster', 'list');
    assert.equal(code, 0, stderr);
    assert.deepEqual(await fakes.calls(), ['kind get clusters']);
  });

  const cases: [string[], RegExp][] = [
    [['cluster', 'create', 'Bad_Name'], /invalid NAME "Bad_Name"/],
    [['cluster', 'create', 'ok', '--nodes', '3'], /invalid --nodes "3"/],
    [['cluster', 'create', 'ok', '--timeout', '0'], /invalid --timeout "0"/],
    [['cluster', 'delete', '-x'], /unknown option '-x'/],
    [['cluster', 'delete', 'Bad_Name'], /invalid NAME "Bad_Name"/],
    [['cluster', 'kubeconfig', 'UPPER'], /invalid NAME "UPPER"/],
    [['cluster', 'exec', 'a_b', '--', 'true'], /invalid NAME "a_b"/],
    [['cluster', 'exec', 'ok', '--timeout', 'x', '--', 'true'], /invalid --timeout "x"/],
  ];
  for (const [args, message] of cases) {
    test(args.join(' '), async () => {
      const callsBefore = (await fakes.calls()).length;
      const { code, stderr } = await cli(...args);
      assert.match(stderr, message);
      assert.equal(code, 2, `a usage error exits 2 (got ${code})`);
      assert.deepEqual((await fakes.calls()).slice(callsBefore), [], 'no docker or kind command ran');
    });
  }
});
