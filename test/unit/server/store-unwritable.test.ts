import assert from 'node:assert/strict';
import { mkdir, open, readFile, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { run } from '../../../server/exec/run.js';
import { nodeDurableFs, type DurableFs } from '../../../server/store/durable-file.js';
import { openStore, StoreWriteError, type StoreData } from '../../../server/store/index.js';
import {
  api,
  joinWorkshop,
  signIn,
  startTestServer,
  tempDir,
  until,
  type JsonResponse,
  type TestServer,
} from './harness.js';

type ErrorBody = { error?: { code: string; message: string } };

const repo = fileURLToPath(new URL('../../..', import.meta.url));

/** The store's file operations with a switch: while `full`, writing a file fails with ENOSPC, as on a full disk. */
function fillableFs(): { fs: DurableFs; full: { on: boolean } } {
  const full = { on: false };
  const fs: DurableFs = {
    async open(path, flags, mode) {
      const handle = await nodeDurableFs.open(path, flags, mode);
      return {
        chmod: (m) => handle.chmod(m),
        writeFile: async (data) => {
          if (full.on)
            throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
          await handle.writeFile(data);
        },
        sync: () => handle.sync(),
        close: () => handle.close(),
      };
    },
    rename: (from, to) => nodeDurableFs.rename(from, to),
  };
  return { fs, full };
}

function isFullDiskError(file: string) {
  return (error: unknown): boolean => {
    assert.ok(error instanceof StoreWriteError, `a StoreWriteError, not ${String(error)}`);
    assert.equal(error.file, file);
    assert.equal(error.errno, 'ENOSPC');
    assert.match(error.message, new RegExp(`cannot write the data file ${file}: no space left`));
    assert.match(error.message, /Free space on the file system/);
    return true;
  };
}

function assertStoreUnwritable(action: string, answer: JsonResponse<ErrorBody>): void {
  assert.equal(answer.status, 507, `${action}: ${JSON.stringify(answer.body)}`);
  assert.equal(answer.body.error?.code, 'store_unwritable', action);
  assert.match(answer.body.error?.message ?? '', /data disk is full; nothing was changed/, action);
}

// Found by the soak suite (soak/faults/data-dir-full.ts): a write refused by a full disk changed memory anyway, so a
// refused Check left the lab "grading" for good and a refused join came back with the next successful write.
describe('the store when its disk is full', () => {
  it('a refused update leaves memory exactly as it was, and is not saved by the next write', async () => {
    const dir = await tempDir();
    const { fs, full } = fillableFs();
    const store = await openStore(dir, { fs });
    const learner = await store.learners.create({ name: 'Ana', role: 'learner', origin: 'workshop' });
    const lab = await store.labs.create(learner.id, 'demo');
    await store.labs.update(lab.id, { state: 'ready' });
    const before = structuredClone(store.labs.list());
    const learnersBefore = structuredClone(store.learners.list());

    full.on = true;
    await assert.rejects(store.labs.update(lab.id, { state: 'grading' }), isFullDiskError(store.file));
    await assert.rejects(
      store.learners.create({ name: 'Refused', role: 'learner', origin: 'workshop' }),
      isFullDiskError(store.file),
    );
    await assert.rejects(store.labs.create(learner.id, 'demo'), isFullDiskError(store.file));
    assert.deepEqual(store.labs.list(), before, 'the labs are as they were');
    assert.deepEqual(store.learners.list(), learnersBefore, 'no learner was added');

    full.on = false;
    await store.labs.update(lab.id, { lastActivityAt: new Date().toISOString() });
    const onDisk = JSON.parse(await readFile(store.file, 'utf8')) as StoreData;
    assert.deepEqual(
      onDisk.learners.map((l) => l.name),
      ['Ana'],
    );
    assert.deepEqual(
      onDisk.labs.map((l) => l.state),
      ['ready'],
    );
  });

  describe('over HTTP', () => {
    let t: TestServer;
    let full: { on: boolean };
    let owner: string;
    let labId: string;
    let joinCode: string;
    let idle: string; // a learner with no lab, so starting one is a write and not a 409

    beforeEach(async () => {
      const fillable = fillableFs();
      full = fillable.full;
      t = await startTestServer({ storeFs: fillable.fs, lab: { maxLabs: 5 } });
      ({ owner, labId } = await readyLab(t));
      const instructor = await signIn(t.baseUrl, t.tokens.instructor);
      const workshop = await api<{ workshop: { code: string } }>(
        t.baseUrl,
        'POST',
        '/api/instructor/workshops',
        {
          cookie: instructor,
          body: { title: 'disk full' },
        },
      );
      joinCode = workshop.body.workshop.code;
      idle = await joinWorkshop(t.baseUrl, joinCode, 'Idle');
    });
    afterEach(() => t.close({ removeData: true }));

    it('answers join, start and Check with 507 store_unwritable and changes nothing', async () => {
      const labsBefore = t.store.labs.list();
      const learnersBefore = t.store.learners.list();
      full.on = true;

      const join = await api<ErrorBody>(t.baseUrl, 'POST', '/auth/join', {
        body: { name: 'Refused', code: joinCode },
      });
      assertStoreUnwritable('join', join);
      const start = await api<ErrorBody>(t.baseUrl, 'POST', '/api/labs', {
        cookie: idle,
        body: { scenarioId: 'demo' },
      });
      assertStoreUnwritable('start a lab', start);
      const check = await api<ErrorBody>(t.baseUrl, 'POST', `/api/labs/${labId}/check`, { cookie: owner });
      assertStoreUnwritable('Check', check);

      assert.deepEqual(t.store.labs.list(), labsBefore, 'no lab left "grading" or "requested"');
      assert.deepEqual(t.store.learners.list(), learnersBefore, 'no learner kept in memory');
      assert.equal(t.scenarios.gradeSignals.length, 0, 'nothing was graded');
    });

    it('works again once space is back, without a restart', async () => {
      full.on = true;
      const refused = await api<ErrorBody>(t.baseUrl, 'POST', `/api/labs/${labId}/check`, { cookie: owner });
      assert.equal(refused.status, 507);
      full.on = false;

      const check = await api<{ attempt: { score: number } }>(t.baseUrl, 'POST', `/api/labs/${labId}/check`, {
        cookie: owner,
      });
      assert.equal(check.status, 200, JSON.stringify(check.body));
      assert.equal(t.store.attempts.forLab(labId).length, 1);
      assert.equal(t.store.labs.get(labId)?.state, 'ready');
      await joinWorkshop(t.baseUrl, joinCode, 'Later');
    });

    it('a Check whose end could not be saved (disk filled while grading) does not block the next one', async () => {
      let release = () => undefined as void;
      t.scenarios.gradeGate = new Promise<void>((resolve) => (release = resolve));
      const first = api<ErrorBody>(t.baseUrl, 'POST', `/api/labs/${labId}/check`, { cookie: owner });
      await until(() => t.scenarios.gradeSignals.length === 1, 'the grading to start');
      full.on = true; // "grading" is on disk; "ready" after it cannot be written
      release();
      assertStoreUnwritable('Check that ends on a full disk', await first);
      t.scenarios.gradeGate = undefined;
      full.on = false;

      const again = await api<ErrorBody>(t.baseUrl, 'POST', `/api/labs/${labId}/check`, { cookie: owner });
      assert.equal(again.status, 200, JSON.stringify(again.body));
      assert.equal(t.store.labs.get(labId)?.state, 'ready');
      assert.equal(t.store.attempts.forLab(labId).length, 1, 'only the saved Check is recorded');
    });
  });

  // the same, on a real file system that has run out of space (we run as root: a small tmpfs of our own)
  describe('on a full tmpfs', () => {
    let mount: string;
    const filler = () => join(mount, 'filler.bin');

    before(async () => {
      mount = join(await tempDir(), 'data');
      await mkdir(mount);
      await run(['mount', '-t', 'tmpfs', '-o', 'size=256k,mode=0700', 'cks-lab-unit', mount], {
        timeoutMs: 10_000,
      });
    });
    after(async () => {
      await run(['umount', mount], { timeoutMs: 10_000 });
    });
    afterEach(async () => {
      await rm(filler(), { force: true });
    });

    it('refuses a Check with 507 and ENOSPC, leaves the lab ready, and grades once space is freed', async () => {
      const t = await startTestServer({ dataDir: mount, lab: { maxLabs: 1 } });
      try {
        const { owner, labId } = await readyLab(t);
        await fillUp(filler());
        const refused = await api<ErrorBody>(t.baseUrl, 'POST', `/api/labs/${labId}/check`, {
          cookie: owner,
        });
        assertStoreUnwritable('Check on a full tmpfs', refused);
        assert.equal(t.store.labs.get(labId)?.state, 'ready');

        await rm(filler());
        const check = await api(t.baseUrl, 'POST', `/api/labs/${labId}/check`, { cookie: owner });
        assert.equal(check.status, 200, JSON.stringify(check.body));
      } finally {
        await t.close();
      }
    });

    it('serve started on the full data dir names the file and says to free space', async () => {
      await fillUp(filler());
      const result = await run([process.execPath, 'bin/cks-lab.js', 'serve', '--port', '0'], {
        cwd: repo,
        allowFailure: true,
        // a serve that wrongly goes on listens until killed: the timeout turns that into a failure
        timeoutMs: 60_000,
        env: {
          ...process.env,
          CKS_LAB_DATA_DIR: mount,
          CKS_LAB_POOL: 'off',
          DOCKER_HOST: `unix://${join(mount, 'no-docker.sock')}`,
          CKS_LAB_KIND: join(mount, 'no-kind'),
        },
      });
      assert.equal(result.exitCode, 1, result.stderr);
      assert.match(
        result.stderr,
        new RegExp(`cannot write .* ${mount}/cks-lab\\.\\w+: no space left on the device`),
      );
      assert.match(result.stderr, /Free space on the file system that holds/);
      assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
    });
  });
});

/** Signs in the single learner and waits until their lab of the demo scenario is ready. */
async function readyLab(t: TestServer): Promise<{ owner: string; labId: string }> {
  const owner = await signIn(t.baseUrl, t.tokens.access);
  const started = await api<{ lab: { id: string } }>(t.baseUrl, 'POST', '/api/labs', {
    cookie: owner,
    body: { scenarioId: 'demo' },
  });
  assert.equal(started.status, 202, JSON.stringify(started.body));
  const labId = started.body.lab.id;
  await until(() => t.store.labs.get(labId)?.state === 'ready', 'the lab to be ready');
  return { owner, labId };
}

/** Writes file until the file system answers ENOSPC, down to the last byte, so no write of any size fits. */
async function fillUp(file: string): Promise<void> {
  const handle = await open(file, 'a');
  try {
    for (const size of [64 * 1024, 4096, 1]) await writeUntilFull(handle, Buffer.alloc(size, 0x55));
  } finally {
    await handle.close();
  }
}

async function writeUntilFull(handle: FileHandle, chunk: Buffer): Promise<void> {
  try {
    for (;;) {
      const { bytesWritten } = await handle.write(chunk);
      if (bytesWritten < chunk.length) return;
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  }
}
