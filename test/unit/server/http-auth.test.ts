import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { api, joinWorkshop, signIn, startTestServer, type TestServer } from './harness.js';

describe('HTTP access: session cookie, roles, lab policy', () => {
  let t: TestServer;
  let local: string;
  let instructor: string;

  before(async () => {
    t = await startTestServer();
    local = await signIn(t.baseUrl, t.tokens.access);
    instructor = await signIn(t.baseUrl, t.tokens.instructor);
  });
  after(() => t.close({ removeData: true }));

  it('answers /healthz without a session', async () => {
    const res = await api(t.baseUrl, 'GET', '/healthz');
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { status: 'ok' });
  });

  it('answers every /api call without a session with 401 and the JSON error shape', async () => {
    for (const [method, path] of [
      ['GET', '/api/scenarios'],
      ['GET', '/api/labs'],
      ['POST', '/api/labs'],
      ['GET', '/api/no-such-route'],
    ] as const) {
      const res = await api<{ error: { code: string; message: string } }>(t.baseUrl, method, path);
      assert.equal(res.status, 401, `${method} ${path}`);
      assert.equal(res.body.error.code, 'unauthenticated');
      assert.match(res.body.error.message, /\?token=/);
    }
  });

  it('turns the printed token into an httpOnly SameSite=Strict cookie and drops it from the URL', async () => {
    const res = await fetch(`${t.baseUrl}/?token=${t.tokens.access}`, { redirect: 'manual' });
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), '/');
    const cookie = res.headers.get('set-cookie') ?? '';
    assert.match(cookie, /^cks_lab_session=[\w-]+;/);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Strict/);
    assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
  });

  it('refuses a wrong token', async () => {
    const res = await fetch(`${t.baseUrl}/?token=not-the-token`, { redirect: 'manual' });
    assert.equal(res.status, 401);
    assert.equal(res.headers.get('set-cookie'), null);
  });

  it('serves the catalog with a session', async () => {
    const res = await api<{ scenarios: { id: string }[] }>(t.baseUrl, 'GET', '/api/scenarios', {
      cookie: local,
    });
    assert.equal(res.status, 200);
    assert.deepEqual(
      res.body.scenarios.map((s) => s.id),
      ['demo'],
    );
    const detail = await api<{ scenario: Record<string, unknown> }>(t.baseUrl, 'GET', '/api/scenarios/demo', {
      cookie: local,
    });
    assert.equal(detail.status, 200);
    assert.equal('solution' in detail.body.scenario, false, 'the catalog never reveals solutions');
  });

  it('names the bad field and changes nothing on invalid input', async () => {
    const labsBefore = t.store.labs.list().length;
    const res = await api<{ error: { code: string; message: string } }>(t.baseUrl, 'POST', '/api/labs', {
      cookie: local,
      body: { scenarioId: 42 },
    });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, 'invalid_input');
    assert.match(res.body.error.message, /body\.scenarioId/);
    assert.equal(t.store.labs.list().length, labsBefore);
  });

  it('refuses state-changing requests from a foreign Origin', async () => {
    const res = await api<{ error: { code: string } }>(t.baseUrl, 'POST', '/api/labs', {
      cookie: local,
      body: { scenarioId: 'demo' },
      origin: 'http://evil.example',
    });
    assert.equal(res.status, 403);
    assert.equal(res.body.error.code, 'origin_refused');
    assert.equal(t.store.labs.list().length, 0);
  });

  it('lets only the instructor create workshop codes; learners join with name and code', async () => {
    const denied = await api(t.baseUrl, 'POST', '/api/instructor/workshops', {
      cookie: local,
      body: { title: 'x' },
    });
    assert.equal(denied.status, 403);
    const created = await api<{ workshop: { code: string } }>(
      t.baseUrl,
      'POST',
      '/api/instructor/workshops',
      {
        cookie: instructor,
        body: { title: 'Tuesday' },
      },
    );
    assert.equal(created.status, 201);
    const badCode = await api<{ error: { code: string; fields: string[] } }>(
      t.baseUrl,
      'POST',
      '/auth/join',
      {
        body: { name: 'Ana', code: 'nope' },
      },
    );
    assert.equal(badCode.status, 400);
    assert.deepEqual(badCode.body.error.fields, ['body.code']);
    const noName = await api<{ error: { message: string } }>(t.baseUrl, 'POST', '/auth/join', {
      body: { name: ' ', code: created.body.workshop.code },
    });
    assert.equal(noName.status, 400);
    assert.match(noName.body.error.message, /body\.name/);
    const cookie = await joinWorkshop(t.baseUrl, created.body.workshop.code.toUpperCase(), 'Ana');
    const me = await api<{ learner: { name: string; role: string } }>(t.baseUrl, 'GET', '/api/session', {
      cookie,
    });
    assert.deepEqual(me.body.learner.name, 'Ana');
    assert.equal(me.body.learner.role, 'learner');
  });

  it('opens a code for the hours asked (default 8, at most a week) and names a bad value', async () => {
    const asked = Date.now();
    const created = await api<{ workshop: { code: string; expiresAt: string; joinable: boolean } }>(
      t.baseUrl,
      'POST',
      '/api/instructor/workshops',
      { cookie: instructor, body: { title: 'evening', hours: 3 } },
    );
    const answered = Date.now();
    assert.equal(created.status, 201);
    assert.equal(created.body.workshop.joinable, true);
    const expires = Date.parse(created.body.workshop.expiresAt);
    assert.ok(expires >= asked + 3 * 3_600_000 && expires <= answered + 3 * 3_600_000, 'open for 3 hours');
    const tooLong = await api<{ error: { fields: string[] } }>(
      t.baseUrl,
      'POST',
      '/api/instructor/workshops',
      {
        cookie: instructor,
        body: { hours: 24 * 8 },
      },
    );
    assert.equal(tooLong.status, 400);
    assert.deepEqual(tooLong.body.error.fields, ['body.hours']);
  });

  it("gives learner B 403 on learner A's lab for view, check, reset and end", async () => {
    const { body } = await api<{ workshop: { code: string } }>(
      t.baseUrl,
      'POST',
      '/api/instructor/workshops',
      {
        cookie: instructor,
        body: {},
      },
    );
    const a = await joinWorkshop(t.baseUrl, body.workshop.code, 'A');
    const b = await joinWorkshop(t.baseUrl, body.workshop.code, 'B');
    const started = await api<{ lab: { id: string } }>(t.baseUrl, 'POST', '/api/labs', {
      cookie: a,
      body: { scenarioId: 'demo' },
    });
    assert.equal(started.status, 202);
    const id = started.body.lab.id;
    for (const [method, path] of [
      ['GET', `/api/labs/${id}`],
      ['POST', `/api/labs/${id}/check`],
      ['POST', `/api/labs/${id}/reset`],
      ['POST', `/api/labs/${id}/end`],
    ] as const) {
      const res = await api<{ error: { code: string } }>(t.baseUrl, method, path, { cookie: b });
      assert.equal(res.status, 403, `${method} ${path}`);
      assert.equal(res.body.error.code, 'forbidden');
    }
    // the instructor may look and end (to free a slot) but not work in the lab
    assert.equal((await api(t.baseUrl, 'GET', `/api/labs/${id}`, { cookie: instructor })).status, 200);
    assert.equal((await api(t.baseUrl, 'POST', `/api/labs/${id}/check`, { cookie: instructor })).status, 403);
    const own = await api<{ lab: { state: string } }>(t.baseUrl, 'POST', `/api/labs/${id}/end`, {
      cookie: a,
    });
    assert.equal(own.status, 200);
    assert.equal(own.body.lab.state, 'ended');
  });

  it('answers unknown labs with 404 and the error shape', async () => {
    const res = await api<{ error: { code: string } }>(t.baseUrl, 'GET', '/api/labs/zzzzzzzz', {
      cookie: local,
    });
    assert.equal(res.status, 404);
    assert.equal(res.body.error.code, 'lab_not_found');
  });

  it('revokes the session on logout', async () => {
    const cookie = await signIn(t.baseUrl, t.tokens.access);
    assert.equal((await api(t.baseUrl, 'GET', '/api/session', { cookie })).status, 200);
    assert.equal((await api(t.baseUrl, 'POST', '/auth/logout', { cookie })).status, 204);
    assert.equal((await api(t.baseUrl, 'GET', '/api/session', { cookie })).status, 401);
  });
});
