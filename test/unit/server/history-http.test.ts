// The learner's history page's data: every lab of theirs (never another's), newest first, with its Checks.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { HistoryEntry } from '../../../server/http/contract.js';
import { api, startTestServer, until, workshopLab, type TestServer } from './harness.js';

describe('GET /api/history', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({});
  });
  after(() => t.close({ removeData: true }));

  it("lists the learner's labs newest first with Checks, best score and whether one passed", async () => {
    const { owner, other, labId } = await workshopLab(t);
    t.scenarios.grade_ = { ...t.scenarios.grade_, percent: 40, passed: false };
    assert.equal((await api(t.baseUrl, 'POST', `/api/labs/${labId}/check`, { cookie: owner })).status, 200);
    t.scenarios.grade_ = { ...t.scenarios.grade_, percent: 100, passed: true };
    assert.equal((await api(t.baseUrl, 'POST', `/api/labs/${labId}/check`, { cookie: owner })).status, 200);
    assert.equal((await api(t.baseUrl, 'POST', `/api/labs/${labId}/end`, { cookie: owner })).status, 200);
    const second = await api<{ lab: { id: string } }>(t.baseUrl, 'POST', '/api/labs', {
      cookie: owner,
      body: { scenarioId: 'demo' },
    });
    await until(() => t.store.labs.get(second.body.lab.id)?.state === 'ready', 'the second lab');

    const history = await api<{ entries: HistoryEntry[] }>(t.baseUrl, 'GET', '/api/history', {
      cookie: owner,
    });
    assert.equal(history.status, 200);
    assert.deepEqual(
      history.body.entries.map((e) => [e.lab.id, e.checks, e.bestScore, e.lastScore, e.passed]),
      [
        [second.body.lab.id, 0, null, null, false],
        [labId, 2, 100, 100, true],
      ],
    );
    assert.equal(history.body.entries[1]?.lab.state, 'ended');
    assert.ok(history.body.entries[0]?.title);

    const others = await api<{ entries: HistoryEntry[] }>(t.baseUrl, 'GET', '/api/history', {
      cookie: other,
    });
    assert.deepEqual(others.body.entries, [], "nobody sees another learner's labs");
    assert.equal((await api(t.baseUrl, 'GET', '/api/history')).status, 401);
  });
});
