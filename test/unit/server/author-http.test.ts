import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import type { AuthorMode, AuthorRun } from '../../../server/labs/author-mode.js';
import { api, joinWorkshop, signIn, startTestServer, until, type TestServer } from './harness.js';

/** An author mode that records what it was asked to run, and fails one wrong answer as a failing step would. */
function fakeAuthor(): AuthorMode & { runs: string[] } {
  const runs: string[] = [];
  return {
    scenarioId: 'demo',
    runs,
    view: async () => ({
      scenarioId: 'demo',
      problems: ['scenario.yaml:3:1 title: too short'],
      wrongAnswers: ['a', 'b'],
    }),
    run: async (cluster: string, what: AuthorRun) => {
      runs.push(`${cluster} ${what.kind === 'solution' ? 'solution' : `wrong ${what.name}`}`);
      if (what.kind === 'wrong' && what.name === 'boom')
        throw new Error('step 1 failed: exit 1\nmore detail');
    },
  };
}

async function readyLab(t: TestServer, cookie: string): Promise<string> {
  const started = await api<{ lab: { id: string } }>(t.baseUrl, 'POST', '/api/labs', {
    cookie,
    body: { scenarioId: 'demo' },
  });
  assert.equal(started.status, 202);
  const labId = started.body.lab.id;
  await until(() => t.store.labs.get(labId)?.state === 'ready', 'the lab to be ready');
  return labId;
}

describe('author mode over HTTP (scenario dev)', () => {
  let t: TestServer | undefined;
  afterEach(() => t?.close({ removeData: true }));

  it('does not exist on a normal server', async () => {
    t = await startTestServer();
    const cookie = await signIn(t.baseUrl, t.tokens.access);
    const labId = await readyLab(t, cookie);
    assert.equal((await api(t.baseUrl, 'GET', '/api/author', { cookie })).status, 404);
    const run = await api(t.baseUrl, 'POST', `/api/labs/${labId}/author/run`, {
      cookie,
      body: { kind: 'solution' },
    });
    assert.equal(run.status, 404);
  });

  it("shows the scenario's lint problems and wrong answers, and runs on the owner's ready lab only", async () => {
    const author = fakeAuthor();
    t = await startTestServer({ author });
    const cookie = await signIn(t.baseUrl, t.tokens.access);
    const labId = await readyLab(t, cookie);
    const cluster = t.store.labs.get(labId)!.clusterName;

    const view = await api<{ author: { problems: string[]; wrongAnswers: string[] } }>(
      t.baseUrl,
      'GET',
      '/api/author',
      { cookie },
    );
    assert.deepEqual(view.body.author.wrongAnswers, ['a', 'b']);
    assert.deepEqual(view.body.author.problems, ['scenario.yaml:3:1 title: too short']);

    const solved = await api<{ ok: boolean; durationMs: number }>(
      t.baseUrl,
      'POST',
      `/api/labs/${labId}/author/run`,
      {
        cookie,
        body: { kind: 'solution' },
      },
    );
    assert.equal(solved.status, 200);
    assert.equal(solved.body.ok, true);
    const failed = await api<{ ok: boolean; message: string }>(
      t.baseUrl,
      'POST',
      `/api/labs/${labId}/author/run`,
      {
        cookie,
        body: { kind: 'wrong', name: 'boom' },
      },
    );
    assert.deepEqual(failed.body, { ok: false, message: 'step 1 failed: exit 1' });
    assert.deepEqual(author.runs, [`${cluster} solution`, `${cluster} wrong boom`]);

    const bad = await api(t.baseUrl, 'POST', `/api/labs/${labId}/author/run`, {
      cookie,
      body: { kind: 'wrong' },
    });
    assert.equal(bad.status, 400);

    const instructor = await signIn(t.baseUrl, t.tokens.instructor);
    const workshop = await api<{ workshop: { code: string } }>(
      t.baseUrl,
      'POST',
      '/api/instructor/workshops',
      {
        cookie: instructor,
        body: { title: 'w' },
      },
    );
    const other = await joinWorkshop(t.baseUrl, workshop.body.workshop.code, 'Other');
    const refused = await api(t.baseUrl, 'POST', `/api/labs/${labId}/author/run`, {
      cookie: other,
      body: { kind: 'solution' },
    });
    assert.equal(refused.status, 403);
    assert.equal(author.runs.length, 2, "nothing ran for someone else's request");

    await api(t.baseUrl, 'POST', `/api/labs/${labId}/end`, { cookie });
    await until(() => t!.store.labs.get(labId)?.state === 'ended', 'the lab to end');
    const ended = await api<{ error: { code: string } }>(t.baseUrl, 'POST', `/api/labs/${labId}/author/run`, {
      cookie,
      body: { kind: 'solution' },
    });
    assert.equal(ended.status, 409);
    assert.equal(ended.body.error.code, 'lab_not_ready');
  });
});
