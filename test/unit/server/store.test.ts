import assert from 'node:assert/strict';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DATA_FILE_NAME } from '../../../server/store/database.js';
import { openStore, StoreFileError } from '../../../server/store/index.js';
import { api, signIn, startTestServer, tempDir, until } from './harness.js';

describe('store', () => {
  it('keeps secrets, sessions, labs and attempts across a reopen', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    const learner = await store.learners.ensureSingleton('local');
    const token = await store.sessions.create(learner.id, 60_000);
    const lab = await store.labs.create(learner.id, 'demo');
    await store.labs.update(lab.id, { state: 'ready' });
    await store.attempts.add({
      labId: lab.id,
      learnerId: learner.id,
      durationMs: 3,
      score: 50,
      passed: false,
      tasks: [],
    });

    const reopened = await openStore(dir);
    assert.deepEqual(reopened.secrets, store.secrets);
    assert.equal(reopened.sessions.find(token)?.learner.id, learner.id);
    assert.equal(reopened.labs.get(lab.id)?.state, 'ready');
    assert.equal(reopened.attempts.forLab(lab.id)[0]?.score, 50);
    assert.equal((await reopened.learners.ensureSingleton('local')).id, learner.id);
    assert.equal(((await stat(dir)).mode & 0o777).toString(8), '700', 'the data dir holds tokens: private');
  });

  it('stores only a hash of session tokens', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    const learner = await store.learners.ensureSingleton('local');
    const token = await store.sessions.create(learner.id, 60_000);
    assert.equal((await readFile(join(dir, DATA_FILE_NAME), 'utf8')).includes(token), false);
  });

  it('serialises concurrent writes: none is lost', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    const learners = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        store.learners.create({ name: `l${i}`, role: 'learner', origin: 'workshop' }),
      ),
    );
    const reopened = await openStore(dir);
    assert.equal(reopened.learners.list().length, 50);
    assert.deepEqual(new Set(reopened.learners.list().map((l) => l.id)), new Set(learners.map((l) => l.id)));
  });

  it('refuses a corrupt data file, naming the file and the field', async () => {
    const dir = await tempDir();
    await openStore(dir);
    const file = join(dir, DATA_FILE_NAME);
    const data = JSON.parse(await readFile(file, 'utf8')) as { labs: unknown[] };
    data.labs.push({ id: 'x' });
    await writeFile(file, JSON.stringify(data));
    await assert.rejects(openStore(dir), (error: unknown) => {
      assert.ok(error instanceof StoreFileError);
      assert.ok(error.message.includes(file));
      assert.match(error.message, /labs\.0\.learnerId/);
      return true;
    });
    await writeFile(file, '{ not json');
    await assert.rejects(openStore(dir), /is not valid: .*JSON/);
  });

  it('opens a data file from before the warm pool (no pool array) and keeps pool entries across a reopen', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    const learner = await store.learners.ensureSingleton('local');
    const lab = await store.labs.create(learner.id, 'demo');
    const file = join(dir, DATA_FILE_NAME);
    const data = JSON.parse(await readFile(file, 'utf8')) as { pool?: unknown };
    delete data.pool;
    await writeFile(file, JSON.stringify(data));

    const older = await openStore(dir);
    assert.deepEqual(older.pool.list(), []);
    assert.equal(older.labs.get(lab.id)?.clusterSource, undefined);
    const entry = await older.pool.add({ nodes: 2, scenarioId: 'demo' });
    assert.match(entry.clusterName, /^cks-[a-z0-9]{8}$/);
    assert.notEqual(entry.clusterName, lab.clusterName);
    await older.pool.setState(entry.clusterName, 'ready');
    const reopened = await openStore(dir);
    assert.deepEqual(
      reopened.pool.list().map((e) => [e.clusterName, e.nodes, e.scenarioId, e.state]),
      [[entry.clusterName, 2, 'demo', 'ready']],
    );
  });

  it('survives a server restart: the same cookie, lab and results are back', async () => {
    const first = await startTestServer();
    const cookie = await signIn(first.baseUrl, first.store.secrets.accessToken);
    const started = await api<{ lab: { id: string } }>(first.baseUrl, 'POST', '/api/labs', {
      cookie,
      body: { scenarioId: 'demo' },
    });
    const id = started.body.lab.id;
    await until(() => first.store.labs.get(id)?.state === 'ready', 'ready');
    const checked = await api(first.baseUrl, 'POST', `/api/labs/${id}/check`, { cookie });
    assert.equal(checked.status, 200);
    await first.close();

    // the cluster outlived the server (kind keeps running): the new server adopts it
    const second = await startTestServer({ dataDir: first.dataDir, provider: first.provider });
    try {
      const res = await api<{ lab: { state: string }; attempts: unknown[]; solution: string | null }>(
        second.baseUrl,
        'GET',
        `/api/labs/${id}`,
        { cookie },
      );
      assert.equal(res.status, 200);
      assert.equal(res.body.lab.state, 'ready');
      assert.equal(res.body.attempts.length, 1);
      assert.match(res.body.solution ?? '', /kubectl apply/, 'the solution stays revealed after an attempt');
    } finally {
      await second.close({ removeData: true });
    }
  });
});
