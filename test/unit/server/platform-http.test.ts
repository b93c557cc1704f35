import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { io } from 'socket.io-client';
import { PlatformReadiness } from '../../../server/platform/readiness.js';
import type { PlatformStatus } from '../../../server/platform/types.js';
import type { ClientSocket } from './socket-helpers.js';
import { api, signIn, startTestServer, until, type TestServer } from './harness.js';

interface ErrorBody {
  error: { code: string; message: string };
}

const servers: TestServer[] = [];
const sockets: ClientSocket[] = [];

async function buildingServer(pool?: string) {
  const platform = new PlatformReadiness({ detailIntervalMs: 1 });
  platform.beginTask('building the node image', 1, 1);
  platform.progress({ kind: 'start', step: 'Debian rootfs for the node (debootstrap)', index: 2, total: 7 });
  const t = await startTestServer({ platform, pool });
  servers.push(t);
  const cookie = await signIn(t.baseUrl, t.tokens.access);
  return { t, platform, cookie };
}

function platformSocket(t: TestServer, headers: { cookie?: string; origin?: string }): ClientSocket {
  const socket: ClientSocket = io(`${t.baseUrl}/platform`, {
    transports: ['websocket'],
    extraHeaders: {
      ...(headers.cookie ? { cookie: headers.cookie } : {}),
      ...(headers.origin ? { origin: headers.origin } : {}),
    },
    reconnection: false,
    forceNew: true,
  });
  sockets.push(socket);
  return socket;
}

describe('the lab platform gate (HTTP and the /platform socket)', () => {
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await Promise.all(servers.splice(0).map((t) => t.close({ removeData: true })));
  });

  it('while building: serves the catalog and the status, answers starts 503 platform_not_ready, touches no cluster', async () => {
    const { t, cookie } = await buildingServer('1:1');
    const catalog = await api<{ scenarios: { id: string }[] }>(t.baseUrl, 'GET', '/api/scenarios', {
      cookie,
    });
    assert.equal(catalog.status, 200);
    assert.deepEqual(
      catalog.body.scenarios.map((s) => s.id),
      ['demo'],
    );

    const status = await api<{ platform: PlatformStatus }>(t.baseUrl, 'GET', '/api/platform', { cookie });
    assert.equal(status.status, 200);
    assert.equal(status.body.platform.state, 'building');
    assert.deepEqual(status.body.platform.step, {
      name: 'Debian rootfs for the node (debootstrap)',
      index: 2,
      total: 7,
      done: false,
    });
    assert.match(status.body.platform.summary, /building the node image — step 2\/7/);

    const start = await api<ErrorBody>(t.baseUrl, 'POST', '/api/labs', {
      cookie,
      body: { scenarioId: 'demo' },
    });
    assert.equal(start.status, 503);
    assert.equal(start.body.error.code, 'platform_not_ready');
    assert.equal(start.body.error.message, status.body.platform.summary);
    assert.equal(t.store.labs.list().length, 0, 'a refused start leaves no lab behind');
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(t.provider.lists, 0, 'labs are not reconciled before the platform is ready');
    assert.deepEqual(t.provider.created, [], 'neither a lab nor the pool created a cluster');
  });

  it('needs a session for GET /api/platform', async () => {
    const { t } = await buildingServer();
    const res = await api<ErrorBody>(t.baseUrl, 'GET', '/api/platform');
    assert.equal(res.status, 401);
  });

  it('once ready: opens labs (reconcile, pool) and a start answers 202 and gets its cluster', async () => {
    const { t, platform, cookie } = await buildingServer('1:1');
    platform.ready();
    await until(() => t.provider.lists === 1, 'labs to be reconciled');
    await until(() => t.provider.created.length === 1, 'the pool to create its cluster');
    const start = await api<{ lab: { id: string } }>(t.baseUrl, 'POST', '/api/labs', {
      cookie,
      body: { scenarioId: 'demo' },
    });
    assert.equal(start.status, 202);
    await until(() => t.store.labs.get(start.body.lab.id)?.state === 'ready', 'the lab to be ready');
  });

  it('a server whose platform is ready from the start reports ready and starts labs (as before)', async () => {
    const t = await startTestServer();
    servers.push(t);
    const cookie = await signIn(t.baseUrl, t.tokens.access);
    const status = await api<{ platform: PlatformStatus }>(t.baseUrl, 'GET', '/api/platform', { cookie });
    assert.equal(status.body.platform.state, 'ready');
    assert.equal(status.body.platform.summary, '');
    assert.equal(t.provider.lists, 1, 'reconciled before listening');
    const start = await api<{ lab: { id: string } }>(t.baseUrl, 'POST', '/api/labs', {
      cookie,
      body: { scenarioId: 'demo' },
    });
    assert.equal(start.status, 202);
    await until(() => t.store.labs.get(start.body.lab.id)?.state === 'ready', 'the lab to be ready');
  });

  it('pushes the status on /platform: at connect, at each change, and ready', async () => {
    const { t, platform, cookie } = await buildingServer();
    const socket = platformSocket(t, { cookie, origin: t.origin });
    const seen: PlatformStatus[] = [];
    socket.on('platform:status', (status) => seen.push(status));
    await until(() => seen.length === 1, 'the status at connect');
    assert.equal(seen[0]?.state, 'building');
    platform.progress({
      kind: 'end',
      step: 'Debian rootfs for the node (debootstrap)',
      index: 2,
      total: 7,
      durationMs: 9,
    });
    await until(() => seen.length === 2, 'the step end');
    assert.equal(seen[1]?.step?.done, true);
    platform.ready();
    await until(() => seen.at(-1)?.state === 'ready', 'ready');
  });

  it('refuses /platform sockets without a session or from a foreign origin', async () => {
    const { t, cookie } = await buildingServer();
    for (const headers of [{ origin: t.origin }, { cookie, origin: 'http://evil.example' }]) {
      const socket = platformSocket(t, headers);
      const refusal = await new Promise<string>((resolve, reject) => {
        socket.once('connect', () => reject(new Error('connected without the right headers')));
        socket.once('connect_error', (error: Error) => resolve(error.message));
      });
      // refused at the engine.io handshake, before any namespace (http-hardening.test.ts reads the reasons)
      assert.equal(refusal, 'websocket error');
    }
  });
});
