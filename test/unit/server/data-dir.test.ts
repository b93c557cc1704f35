import assert from 'node:assert/strict';
import { chmod, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { describe, it } from 'node:test';
import { run } from '../../../server/exec/run.js';
import { DATA_FILE_NAME, openDatabase } from '../../../server/store/database.js';
import {
  DataDirLockedError,
  LOCK_FILE_NAME,
  lockDataDir,
  processIsAlive,
} from '../../../server/store/data-dir-lock.js';
import { nodeDurableFs, type DurableFs } from '../../../server/store/durable-file.js';
import { tempDir } from './harness.js';

const modeOf = async (path: string) => ((await stat(path)).mode & 0o777).toString(8);

/** The pid of a process that has exited: what a crashed server leaves in its lock file. */
async function deadPid(): Promise<number> {
  const { stdout } = await run(['sh', '-c', 'echo $$']);
  const pid = Number(stdout.trim());
  assert.equal(processIsAlive(pid), false, 'the probe process has exited');
  return pid;
}

/** The real file operations, with each step written down as "<operation> <file name>". */
function recordingFs(): { fs: DurableFs; steps: string[] } {
  const steps: string[] = [];
  const fs: DurableFs = {
    async open(path, flags, mode) {
      const handle = await nodeDurableFs.open(path, flags, mode);
      const name = basename(path);
      steps.push(`open ${name}`);
      return {
        chmod: (m) => handle.chmod(m),
        writeFile: async (data) => {
          await handle.writeFile(data);
          steps.push(`write ${name}`);
        },
        sync: async () => {
          await handle.sync();
          steps.push(`fsync ${name}`);
        },
        close: () => handle.close(),
      };
    },
    async rename(from, to) {
      await nodeDurableFs.rename(from, to);
      steps.push(`rename ${basename(from)} ${basename(to)}`);
    },
  };
  return { fs, steps };
}

describe('data dir: one server, durable writes, its owner keeps its mode', () => {
  it('refuses a second server on the same data dir and names the pid that holds it', async () => {
    const dir = await tempDir();
    const held = await lockDataDir(dir); // this test process plays the running server
    try {
      await assert.rejects(lockDataDir(dir, { pid: process.pid + 100_000 }), (error: unknown) => {
        assert.ok(error instanceof DataDirLockedError);
        assert.equal(error.holderPid, process.pid);
        assert.match(error.message, new RegExp(`in use by another cks-lab server \\(pid ${process.pid}\\)`));
        assert.match(error.message, /If no cks-lab server runs, delete .*cks-lab\.lock/);
        return true;
      });
      assert.equal((await readFile(held.file, 'utf8')).trim(), String(process.pid), 'the lock is unchanged');
    } finally {
      held.release();
    }
  });

  it('takes over a lock whose process is dead, or that is torn, or that is its own pid from a past life', async () => {
    const dir = await tempDir();
    const file = join(dir, LOCK_FILE_NAME);
    for (const stale of [`${await deadPid()}\n`, '', `${process.pid}\n`]) {
      await writeFile(file, stale);
      const lock = await lockDataDir(dir);
      assert.equal(await readFile(file, 'utf8'), `${process.pid}\n`, `took over ${JSON.stringify(stale)}`);
      lock.release();
      await assert.rejects(stat(file), { code: 'ENOENT' }, 'release removes the lock');
    }
  });

  it('lets exactly one of two servers starting at once take over a stale lock', async () => {
    const dir = await tempDir();
    const [a, b] = [4_000_001, 4_000_002];
    const alive = (pid: number) => pid === a || pid === b;
    for (let round = 0; round < 20; round += 1) {
      await writeFile(join(dir, LOCK_FILE_NAME), `${await deadPid()}\n`);
      const results = await Promise.allSettled([
        lockDataDir(dir, { pid: a, isAlive: alive }),
        lockDataDir(dir, { pid: b, isAlive: alive }),
      ]);
      const won = results.filter((r) => r.status === 'fulfilled');
      assert.equal(won.length, 1, `round ${round}: ${results.map((r) => r.status).join(', ')}`);
      const lost = results.find((r) => r.status === 'rejected');
      assert.ok(lost?.status === 'rejected' && lost.reason instanceof DataDirLockedError, String(lost));
      const winner = won[0]?.status === 'fulfilled' ? won[0].value : undefined;
      assert.equal(
        Number(await readFile(join(dir, LOCK_FILE_NAME), 'utf8')),
        lost.reason.holderPid,
        'the loser names the winner',
      );
      winner?.release();
    }
  });

  it('does not remove a lock another process holds now when releasing', async () => {
    const dir = await tempDir();
    const lock = await lockDataDir(dir);
    await writeFile(lock.file, '4000003\n'); // replaced by hand, e.g. a second server after a forced delete
    lock.release();
    assert.equal(await readFile(lock.file, 'utf8'), '4000003\n');
  });

  it('fsyncs the temp file before renaming it over the data file, then fsyncs the directory', async () => {
    const dir = await tempDir();
    const { fs, steps } = recordingFs();
    const db = await openDatabase(dir, { fs });
    steps.length = 0;
    const marker = `durable-${Date.now()}`;
    await db.update((data) => {
      data.labs = []; // any change: every update is written the same way
      (data as { marker?: string }).marker = marker;
    });
    const temp = `.${DATA_FILE_NAME}.tmp`;
    assert.deepEqual(steps, [
      `open ${temp}`,
      `write ${temp}`,
      `fsync ${temp}`,
      `rename ${temp} ${DATA_FILE_NAME}`,
      `open ${basename(dir)}`,
      `fsync ${basename(dir)}`,
    ]);
    const saved = JSON.parse(await readFile(join(dir, DATA_FILE_NAME), 'utf8')) as { marker?: string };
    assert.equal(saved.marker, marker, 'the new content is what the file holds');
    assert.equal(await modeOf(join(dir, DATA_FILE_NAME)), '600', 'the data file holds tokens: owner only');
    assert.deepEqual((await readdir(dir)).sort(), [DATA_FILE_NAME], 'no temp file is left behind');
  });

  it('makes a data dir it creates private but leaves the mode of an existing one alone', async () => {
    const parent = await tempDir();
    const created = join(parent, 'new', 'data');
    await openDatabase(created);
    assert.equal(await modeOf(created), '700');

    const existing = join(parent, 'home-of-the-operator');
    await mkdir(existing);
    await chmod(existing, 0o755);
    await openDatabase(existing);
    assert.equal(await modeOf(existing), '755', 'a directory the server did not create keeps its mode');
    assert.equal(await modeOf(join(existing, DATA_FILE_NAME)), '600');
  });
});
