import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { run } from '../../../server/exec/run.js';
import { LOCK_FILE_NAME, lockDataDir } from '../../../server/store/data-dir-lock.js';
import { tempDir } from './harness.js';

const repo = fileURLToPath(new URL('../../..', import.meta.url));

// Two servers on one data dir would each reconcile the store against the Docker engine and delete the clusters the
// other just made. The second must stop before it opens the store, lists clusters or deletes anything.
describe('cks-lab serve on a data dir another server holds', () => {
  it('exits with a message naming the holder before it opens the store', async () => {
    const dataDir = await tempDir();
    const held = await lockDataDir(dataDir); // this test process is "the first server"
    try {
      const result = await run([process.execPath, 'bin/cks-lab.js', 'serve', '--port', '0'], {
        cwd: repo,
        allowFailure: true,
        // a serve that wrongly goes on listens until killed: the timeout turns that into a failure
        timeoutMs: 60_000,
        env: {
          ...process.env,
          CKS_LAB_DATA_DIR: dataDir,
          CKS_LAB_POOL: 'off',
          // were the lock ignored, nothing real could be reached or deleted: no Docker engine, no kind
          DOCKER_HOST: `unix://${join(dataDir, 'no-docker.sock')}`,
          CKS_LAB_KIND: join(dataDir, 'no-kind'),
        },
      });
      assert.equal(result.exitCode, 1, result.stderr);
      assert.match(
        result.stderr,
        new RegExp(`the data dir .* is in use by another cks-lab server \\(pid ${process.pid}\\)`),
      );
      assert.deepEqual(await readdir(dataDir), [LOCK_FILE_NAME], 'the store was never opened');
    } finally {
      held.release();
    }
  });
});
