import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { api, signIn, startTestServer, until, type JsonResponse, type TestServer } from './harness.js';

type ErrorBody = { error?: { code: string; message: string } };

// The same races as labs-races.test.ts, through the real express app: a learner's browser (or a script using their
// cookie) sends the requests together.
describe('lab API under concurrent requests', () => {
  let t: TestServer;
  let cookie: string;
  let labId: string;

  beforeEach(async () => {
    t = await startTestServer({ lab: { maxLabs: 1 } });
    cookie = await signIn(t.baseUrl, t.tokens.access);
    const started = await api<{ lab: { id: string } }>(t.baseUrl, 'POST', '/api/labs', {
      cookie,
      body: { scenarioId: 'demo' },
    });
    assert.equal(started.status, 202);
    labId = started.body.lab.id;
    await until(() => t.store.labs.get(labId)?.state === 'ready', 'the lab to be ready');
  });
  afterEach(() => t.close({ removeData: true }));

  const post = (action: 'check' | 'reset' | 'end'): Promise<JsonResponse<ErrorBody>> =>
    api<ErrorBody>(t.baseUrl, 'POST', `/api/labs/${labId}/${action}`, { cookie });

  it('runs one grading for five parallel Checks; the others get 409 lab_checking', async () => {
    let release = () => undefined as void;
    t.scenarios.gradeGate = new Promise<void>((resolve) => (release = resolve));
    const responses = Array.from({ length: 5 }, () => post('check'));
    let answered = 0;
    for (const response of responses) void response.then(() => (answered += 1));
    // the refusals do not wait for the running grading
    await until(() => answered === 4, 'four answers while the grading is held');
    release();
    const all = await Promise.all(responses);
    assert.equal(t.scenarios.gradeSignals.length, 1, 'exactly one grading ran');
    assert.deepEqual(all.map((r) => r.status).sort(), [200, 409, 409, 409, 409]);
    for (const response of all.filter((r) => r.status === 409)) {
      assert.equal(response.body.error?.code, 'lab_checking');
      assert.match(response.body.error?.message ?? '', /already running/);
    }
    assert.equal(t.store.attempts.forLab(labId).length, 1);
  });

  it('parallel resets and ends leave the lab ended, its clusters deleted and its slot free', async () => {
    const requests = ['reset', 'end', 'reset', 'end', 'reset', 'end'] as const;
    const responses = await Promise.all(requests.map((action) => post(action)));
    responses.forEach((response, i) => {
      if (requests[i] === 'end') assert.equal(response.status, 200, JSON.stringify(response.body));
      // a reset before the first end is undone by it; one after it is refused
      else if (response.status !== 202) assert.equal(response.body.error?.code, 'lab_ended');
    });
    await until(() => t.provider.clusters.size === 0, 'every cluster of the lab to be deleted');
    assert.equal(t.store.labs.get(labId)?.state, 'ended');
    assert.deepEqual(t.store.labs.active(), [], 'the slot is free');
    // a new lab gets the freed slot (maxLabs 1)
    const again = await api<{ lab: { id: string; state: string } }>(t.baseUrl, 'POST', '/api/labs', {
      cookie,
      body: { scenarioId: 'demo' },
    });
    assert.equal(again.status, 202, JSON.stringify(again.body));
    await until(() => t.store.labs.get(again.body.lab.id)?.state === 'ready', 'the new lab to be ready');
  });
});
