import assert from 'node:assert/strict';
import { stat } from 'node:fs/promises';
import { test } from 'node:test';
import { DAEMON_JSON_PATH } from '../../infra/host/daemon-config.js';
import { SYSCTL_FILE } from '../../infra/host/kernel-settings.js';
import { run } from '../../server/exec/run.js';

const NOBODY = 65534;

/** Modification time of each file the command could write, or null when absent. */
async function snapshot(paths: string[]): Promise<(number | null)[]> {
  return Promise.all(
    paths.map(async (path) => {
      try {
        return (await stat(path)).mtimeMs;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    }),
  );
}

test('host prepare without root refuses, changes nothing, and says what to do', async () => {
  const cli = [process.execPath, 'bin/cks-lab.js', 'host', 'prepare'];
  // as root, drop to nobody for this one run; as any other user the command is already unprivileged
  const argv =
    process.getuid?.() === 0
      ? ['setpriv', `--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', ...cli]
      : cli;
  const watched = [DAEMON_JSON_PATH, SYSCTL_FILE, '/usr/local/sbin/cks-lab-runc-clamp'];
  const before = await snapshot(watched);

  const result = await run(argv, {
    env: { ...process.env, HOME: '/tmp' },
    allowFailure: true,
    timeoutMs: 60_000,
  });

  assert.notEqual(result.exitCode, 0, result.stdout);
  assert.match(
    result.stderr,
    /host prepare changed nothing: it must run as root: sudo npx cks-lab host prepare/,
  );
  assert.match(result.stderr, /Prepare the host by hand:/);
  assert.doesNotMatch(result.stdout, /\[1\/\d\]/, 'no step may start');
  assert.deepEqual(await snapshot(watched), before);
});
