import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { io, type Socket } from 'socket.io-client';
import { SessionSockets } from '../../../server/http/session-sockets.js';
import { api, joinWorkshop, signIn, startTestServer, until, type TestServer } from './harness.js';
import { connectOutcome, openLabSocket } from './socket-helpers.js';

/** The catalog's socket, as a browser opens it. */
function openPlatformSocket(baseUrl: string, cookie: string): Socket {
  return io(`${baseUrl}/platform`, {
    transports: ['websocket'],
    extraHeaders: { cookie, origin: baseUrl },
    reconnection: false,
    forceNew: true,
  });
}

/** Resolves with the disconnect reason; rejects when the socket is still connected at the deadline. */
function disconnected(socket: Pick<Socket, 'once'>, what: string, timeoutMs = 10_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${what} was still connected after ${timeoutMs} ms`)),
      timeoutMs,
    );
    socket.once('disconnect', (reason: string) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}

async function connected<S extends Socket>(socket: S): Promise<S> {
  const outcome = await new Promise<{ ok: boolean; error?: Error }>((resolve) => {
    socket.once('connect', () => resolve({ ok: true }));
    socket.once('connect_error', (error) => resolve({ ok: false, error }));
  });
  assert.ok(outcome.ok, `the socket connects (${outcome.error?.message ?? ''})`);
  return socket;
}

async function startLab(t: TestServer, cookie: string): Promise<string> {
  const started = await api<{ lab: { id: string } }>(t.baseUrl, 'POST', '/api/labs', {
    cookie,
    body: { scenarioId: 'demo' },
  });
  assert.equal(started.status, 202);
  const id = started.body.lab.id;
  await until(() => t.store.labs.get(id)?.state === 'ready', 'the lab to be ready');
  return id;
}

describe('ending access cuts live sockets at once', () => {
  let t: TestServer;
  let instructor: string;
  const open: Socket[] = [];
  const track = <S extends Socket>(socket: S): S => {
    open.push(socket);
    return socket;
  };

  const newWorkshop = async (): Promise<string> => {
    const res = await api<{ workshop: { code: string } }>(t.baseUrl, 'POST', '/api/instructor/workshops', {
      cookie: instructor,
      body: { title: 'test' },
    });
    return res.body.workshop.code;
  };

  before(async () => {
    t = await startTestServer({ lab: { maxLabs: 10 } });
    instructor = await signIn(t.baseUrl, t.tokens.instructor);
  });
  afterEach(() => {
    for (const socket of open.splice(0)) socket.close();
  });
  after(() => t.close({ removeData: true }));

  it('sign-out disconnects the /lab and /platform sockets of that session, not another session', async () => {
    const code = await newWorkshop();
    const cookie = await joinWorkshop(t.baseUrl, code, 'Ana');
    const otherTab = await signIn(t.baseUrl, t.tokens.access);
    const labId = await startLab(t, cookie);
    const lab = await connected(track(openLabSocket(t.baseUrl, { cookie, origin: t.origin, labId })));
    const platform = await connected(track(openPlatformSocket(t.baseUrl, cookie)));
    const bystander = await connected(track(openPlatformSocket(t.baseUrl, otherTab)));
    const labGone = disconnected(lab, 'the lab socket');
    const platformGone = disconnected(platform, 'the platform socket');

    assert.equal((await api(t.baseUrl, 'POST', '/auth/logout', { cookie })).status, 204);
    assert.equal(await labGone, 'io server disconnect');
    assert.equal(await platformGone, 'io server disconnect');
    assert.equal(bystander.connected, true, 'a different session is untouched');
    const again = track(openLabSocket(t.baseUrl, { cookie, origin: t.origin, labId }));
    assert.equal((await connectOutcome(again)).connected, false, 'the old cookie opens nothing');
  });

  it('revoking a learner disconnects their pages, ends their labs and shows it in the learner list', async () => {
    const code = await newWorkshop();
    const cookie = await joinWorkshop(t.baseUrl, code, 'Bo');
    const labId = await startLab(t, cookie);
    const socket = await connected(track(openLabSocket(t.baseUrl, { cookie, origin: t.origin, labId })));
    const list = await api<{
      learners: { id: string; name: string; connected: boolean; openLabs: number }[];
    }>(t.baseUrl, 'GET', '/api/instructor/learners', { cookie: instructor });
    const bo = list.body.learners.find((l) => l.name === 'Bo' && l.connected);
    assert.ok(bo, 'the instructor sees Bo, connected');
    assert.equal(bo.openLabs, 1);
    assert.equal(
      (await api(t.baseUrl, 'GET', '/api/instructor/learners', { cookie })).status,
      403,
      'learners do not see the list',
    );
    const gone = disconnected(socket, "Bo's lab socket");

    const revoked = await api<{
      socketsCut: number;
      labsEnding: string[];
      learner: { revokedAt: string | null };
    }>(t.baseUrl, 'POST', `/api/instructor/learners/${bo.id}/revoke`, { cookie: instructor });
    assert.equal(revoked.status, 200);
    assert.equal(revoked.body.socketsCut, 1);
    assert.deepEqual(revoked.body.labsEnding, [labId]);
    assert.ok(revoked.body.learner.revokedAt);
    assert.equal(await gone, 'io server disconnect');
    assert.equal((await api(t.baseUrl, 'GET', '/api/session', { cookie })).status, 401);
    await until(() => t.store.labs.get(labId)?.state === 'ended', "Bo's lab to end");
    assert.match(t.store.labs.get(labId)?.reason ?? '', /signed you out/);
  });

  it('refuses to revoke the holder of the printed links (that is what --rotate-tokens is for)', async () => {
    await signIn(t.baseUrl, t.tokens.access);
    const local = t.store.learners.list().find((l) => l.origin === 'local');
    assert.ok(local);
    const res = await api<{ error: { code: string; message: string } }>(
      t.baseUrl,
      'POST',
      `/api/instructor/learners/${local.id}/revoke`,
      { cookie: instructor },
    );
    assert.equal(res.status, 400);
    assert.match(res.body.error.message, /--rotate-tokens/);
  });

  it('closing a workshop disconnects everyone who joined with it and kills the code', async () => {
    const code = await newWorkshop();
    const cy = await joinWorkshop(t.baseUrl, code, 'Cy');
    const di = await joinWorkshop(t.baseUrl, code, 'Di');
    const other = await joinWorkshop(t.baseUrl, await newWorkshop(), 'Ed');
    const sockets = [cy, di].map((cookie) => track(openPlatformSocket(t.baseUrl, cookie)));
    await Promise.all(sockets.map(connected));
    const bystander = await connected(track(openPlatformSocket(t.baseUrl, other)));
    const gone = sockets.map((socket, i) => disconnected(socket, `learner ${i}'s socket`));

    const closed = await api<{ learners: number; socketsCut: number; workshop: { joinable: boolean } }>(
      t.baseUrl,
      'POST',
      `/api/instructor/workshops/${code}/close`,
      { cookie: instructor },
    );
    assert.equal(closed.status, 200);
    assert.equal(closed.body.learners, 2);
    assert.equal(closed.body.workshop.joinable, false);
    assert.deepEqual(await Promise.all(gone), ['io server disconnect', 'io server disconnect']);
    assert.equal(bystander.connected, true, 'a learner of another workshop stays');
    for (const cookie of [cy, di]) {
      assert.equal((await api(t.baseUrl, 'GET', '/api/session', { cookie })).status, 401);
    }
    const rejoin = await api(t.baseUrl, 'POST', '/auth/join', { body: { name: 'Cy', code } });
    assert.equal(rejoin.status, 400, 'the closed code lets nobody in');
  });
});

describe('session expiry', () => {
  it('disconnects a socket when its session expires', async () => {
    // long enough to sign in and connect on a busy machine; the disconnect is awaited, not timed
    const t = await startTestServer({ sessionTtlMs: 6000 });
    try {
      const cookie = await signIn(t.baseUrl, t.tokens.access);
      const socket = await connected(openPlatformSocket(t.baseUrl, cookie));
      try {
        assert.equal(
          await disconnected(socket, 'the socket of the expired session', 30_000),
          'io server disconnect',
        );
      } finally {
        socket.close();
      }
    } finally {
      await t.close({ removeData: true });
    }
  });
});

describe('session → sockets index', () => {
  const fakeSocket = () => {
    const socket = { cuts: 0, disconnect: () => (socket.cuts += 1) };
    return socket;
  };

  it('cuts at the expiry time, including sessions longer than a timer can wait (24.8 days)', (t) => {
    t.mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 0 });
    const index = new SessionSockets();
    const short = fakeSocket();
    const long = fakeSocket();
    const days30 = 30 * 86_400_000;
    index.add({ key: 'short', learnerId: 'a', expiresAt: 60_000 }, short);
    index.add({ key: 'long', learnerId: 'b', expiresAt: days30 }, long);
    t.mock.timers.tick(59_999);
    assert.equal(short.cuts, 0);
    t.mock.timers.tick(1);
    assert.equal(short.cuts, 1, 'cut when the session expires');
    t.mock.timers.tick(2 ** 31 - 1 - 60_000);
    assert.equal(long.cuts, 0, 'not cut when the first (capped) timer fires');
    t.mock.timers.tick(days30 - (2 ** 31 - 1) - 1);
    assert.equal(long.cuts, 0);
    t.mock.timers.tick(1);
    assert.equal(long.cuts, 1);
    index.close();
  });

  it('does not cut a 30-day session at once (setTimeout fires after 1 ms above 2^31-1 ms)', async () => {
    const index = new SessionSockets();
    const socket = fakeSocket();
    index.add({ key: 'month', learnerId: 'a', expiresAt: Date.now() + 30 * 86_400_000 }, socket);
    // timers run in due order: an overflowed (1 ms) expiry timer would have fired before this one
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(socket.cuts, 0);
    index.close();
  });

  it('forgets sockets that left, and cuts only the sessions named', () => {
    const index = new SessionSockets(() => 0);
    const a = fakeSocket();
    const b = fakeSocket();
    const forgetA = index.add({ key: 'x', learnerId: 'l1', expiresAt: 60_000 }, a);
    index.add({ key: 'y', learnerId: 'l2', expiresAt: 60_000 }, b);
    forgetA();
    assert.deepEqual([...index.connectedLearners()], ['l2']);
    assert.equal(index.cut(['x', 'y']), 1);
    assert.deepEqual([a.cuts, b.cuts], [0, 1]);
    index.close();
  });
});
