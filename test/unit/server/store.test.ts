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
    const tokens = await store.signInTokens.ensure();
    assert.ok(tokens, 'a new data dir gets its sign-in tokens');
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
    assert.equal(reopened.signInTokens.match(tokens.access), 'local');
    assert.equal(reopened.signInTokens.match(tokens.instructor), 'instructor');
    assert.equal(
      await reopened.signInTokens.ensure(),
      null,
      'existing tokens are kept (and cannot be shown)',
    );
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

  it('settles only after every write asked for, including one queued by another as it finished', async () => {
    const store = await openStore(await tempDir());
    const learner = await store.learners.ensureSingleton('local');
    const lab = await store.labs.create(learner.id, 'demo');
    let chained: Promise<unknown> | undefined;
    // fire-and-forget, as provisioning's progress writes are; the second is asked for only when the first is saved
    void store.labs.update(lab.id, { state: 'provisioning' }).then(() => {
      chained = store.labs.update(lab.id, { state: 'ready' });
    });
    await store.settled();
    assert.ok(chained, 'the chained write was asked for before settled() resolved');
    const onDisk = JSON.parse(await readFile(store.file, 'utf8')) as { labs: { state: string }[] };
    assert.equal(onDisk.labs[0]?.state, 'ready');
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
    const cookie = await signIn(first.baseUrl, first.tokens.access);
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

describe('store: access secrets at rest', () => {
  const readData = async (dir: string) => readFile(join(dir, DATA_FILE_NAME), 'utf8');

  it('writes only hashes of the printed sign-in tokens', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    const tokens = await store.signInTokens.ensure();
    assert.ok(tokens);
    const text = await readData(dir);
    assert.equal(text.includes(tokens.access), false, 'the access token is not in the data file');
    assert.equal(text.includes(tokens.instructor), false, 'the instructor token is not in the data file');
    assert.equal(store.signInTokens.match(tokens.access), 'local');
    assert.equal(store.signInTokens.match(`${tokens.access}x`), undefined);
  });

  it('migrates a data file with plain-text tokens at open: hashed on disk, the old links still sign in', async () => {
    const dir = await tempDir();
    await openStore(dir);
    const file = join(dir, DATA_FILE_NAME);
    // the shape the previous version wrote: plain tokens, 6-letter workshop codes without expiry
    const legacy = JSON.parse(await readData(dir)) as Record<string, unknown>;
    const access = 'old-access-token-0123456789abcdef';
    const instructor = 'old-instructor-token-0123456789ab';
    legacy.secrets = { accessToken: access, instructorToken: instructor };
    const createdAt = new Date(Date.now() - 60_000).toISOString();
    legacy.workshops = [{ code: 'ab12cd', title: 'old', createdBy: 'x', createdAt }];
    await writeFile(file, JSON.stringify(legacy));

    const store = await openStore(dir);
    const text = await readData(dir);
    assert.equal(text.includes(access), false, 'the plain access token left the file at open');
    assert.equal(text.includes(instructor), false, 'the plain instructor token left the file at open');
    assert.equal(store.signInTokens.match(access), 'local', 'the old link keeps working');
    assert.equal(store.signInTokens.match(instructor), 'instructor');
    assert.equal(await store.signInTokens.ensure(), null, 'no new links are made over migrated ones');
    const [workshop] = store.workshops.list();
    assert.equal(
      workshop?.expiresAt,
      new Date(Date.parse(createdAt) + 8 * 3_600_000).toISOString(),
      'an old code expires a workshop day after it was made',
    );
    assert.ok(await store.workshops.join('AB12CD', 'Ana'), 'an old code that has not expired still joins');
  });

  it('rotates: the old links stop working, the sessions they opened end, workshop learners stay', async () => {
    const store = await openStore(await tempDir());
    const before = await store.signInTokens.ensure();
    assert.ok(before);
    const local = await store.learners.ensureSingleton('local');
    const localSession = await store.sessions.create(local.id, 60_000);
    const workshop = await store.workshops.create({ title: '', createdBy: local.id, ttlMs: 60_000 });
    const learner = await store.workshops.join(workshop.code, 'Ana');
    assert.ok(learner);
    const learnerSession = await store.sessions.create(learner.id, 60_000);

    const { tokens, signedOut } = await store.signInTokens.rotate();
    assert.equal(store.signInTokens.match(before.access), undefined);
    assert.equal(store.signInTokens.match(before.instructor), undefined);
    assert.equal(store.signInTokens.match(tokens.access), 'local');
    assert.equal(signedOut.length, 1);
    assert.equal(store.sessions.find(localSession), undefined, 'whoever used a leaked link is out');
    assert.equal(store.sessions.find(learnerSession)?.learner.id, learner.id);
  });
});

describe('store: join codes', () => {
  it('makes codes of at least 10 unambiguous characters, grouped for reading aloud', async () => {
    const store = await openStore(await tempDir());
    const codes = await Promise.all(
      Array.from({ length: 20 }, () => store.workshops.create({ title: '', createdBy: 'i', ttlMs: 60_000 })),
    );
    for (const { code } of codes) {
      assert.match(code, /^[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}$/);
      assert.ok(code.replace(/-/g, '').length >= 10);
    }
    assert.equal(new Set(codes.map((w) => w.code)).size, codes.length);
  });

  it('lets nobody join with an expired or a closed code; typed case and dashes do not matter', async () => {
    const store = await openStore(await tempDir());
    const workshop = await store.workshops.create({ title: '', createdBy: 'i', ttlMs: 60_000 });
    const expiry = Date.parse(workshop.expiresAt);
    const typed = workshop.code.replace(/-/g, ' ').toUpperCase();
    assert.ok(await store.workshops.join(typed, 'Ana', expiry - 1), 'open until it expires');
    assert.equal(await store.workshops.join(workshop.code, 'Bo', expiry), undefined, 'expired');

    const other = await store.workshops.create({ title: '', createdBy: 'i', ttlMs: 60_000 });
    const ana = await store.workshops.join(other.code, 'Ana');
    assert.ok(ana);
    const anaSession = await store.sessions.create(ana.id, 60_000);
    const closed = await store.workshops.close(other.code);
    assert.deepEqual(closed?.learnerIds, [ana.id]);
    assert.equal(closed?.endedSessions.length, 1);
    assert.equal(await store.workshops.join(other.code, 'Cy'), undefined, 'closed');
    assert.equal(store.sessions.find(anaSession), undefined, 'closing signed Ana out');
    assert.ok(store.learners.get(ana.id)?.revokedAt);
  });
});
