// Issue 12 items 6 and 9: the instructor's live grid (learners × scenarios) and the results export, through the
// real server (fake clusters): what the grid says after Checks, the socket notice, and the CSV's defences.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { io } from 'socket.io-client';
import type { ProgressGrid } from '../../../server/http/contract.js';
import { progressGrid } from '../../../server/instructor/progress.js';
import { resultRows, resultsCsv } from '../../../server/instructor/results-export.js';
import type { Attempt, Lab, Learner } from '../../../server/store/index.js';
import { INSTRUCTOR_NAMESPACE } from '../../../server/terminal/events.js';
import { api, joinWorkshop, signIn, startTestServer, until, type TestServer } from './harness.js';

const at = (minute: number): string => new Date(Date.UTC(2026, 11, 1, 10, minute)).toISOString();
const learner = (id: string, name: string): Learner => ({
  id,
  name,
  role: 'learner',
  origin: 'workshop',
  workshopCode: 'abcd-efgh-jkmn',
  createdAt: at(0),
});
const lab = (id: string, learnerId: string, scenarioId: string, extra: Partial<Lab> = {}): Lab => ({
  id,
  learnerId,
  scenarioId,
  clusterName: `cks-${id}`,
  state: 'ready',
  createdAt: at(1),
  updatedAt: at(1),
  lastActivityAt: at(1),
  readyAt: at(2),
  progress: null,
  ...extra,
});
const attempt = (labId: string, minute: number, score: number): Attempt => ({
  id: `${labId}-${minute}`,
  labId,
  learnerId: 'x',
  at: at(minute),
  durationMs: 100,
  score,
  passed: score === 100,
  tasks: [],
});

describe('workshop progress grid and results export', () => {
  it('says per learner and scenario: not started, working, failing or passing, with Checks and time', () => {
    const attempts: Record<string, Attempt[]> = {
      a1: [attempt('a1', 10, 50), attempt('a1', 20, 100)],
      b1: [attempt('b1', 15, 100), attempt('b1', 25, 40)],
    };
    const grid = progressGrid({
      learners: [learner('a', 'Ada'), learner('b', 'Bob'), learner('c', 'Cy')],
      labs: [
        lab('a1', 'a', 'kubesec-fix', { state: 'ended', endedAt: at(32) }),
        lab('b1', 'b', 'kubesec-fix'),
        lab('b2', 'b', 'dind-lockdown'),
        lab('z1', 'someone-else', 'trivy-critical'),
      ],
      attemptsOf: (id) => attempts[id] ?? [],
      catalogOrder: ['dind-lockdown', 'kubesec-fix'],
      now: Date.parse(at(42)),
    });
    assert.deepEqual(
      grid.scenarios,
      ['dind-lockdown', 'kubesec-fix'],
      'only these learners’ scenarios, catalog order',
    );
    const status = (name: string) => grid.rows.find((r) => r.name === name)?.cells.map((c) => c.status);
    assert.deepEqual(status('Ada'), ['not-started', 'passing']);
    assert.deepEqual(status('Bob'), ['working', 'failing'], 'the newest Check decides, not the best');
    assert.deepEqual(status('Cy'), ['not-started', 'not-started']);
    const ada = grid.rows[0]?.cells[1];
    assert.equal(ada?.checks, 2);
    assert.equal(ada?.bestScore, 100);
    assert.equal(ada?.lastCheckAt, at(20));
    assert.equal(ada?.timeSpentMs, 30 * 60_000, 'ready at :02, ended at :32');
    assert.equal(grid.rows[1]?.cells[1]?.timeSpentMs, 40 * 60_000, 'still open: until now');

    const rows = resultRows(grid);
    assert.equal(rows.length, 3, 'one row per started scenario');
    assert.deepEqual(rows[0], {
      workshop: 'abcd-efgh-jkmn',
      learner: 'Ada',
      scenario: 'kubesec-fix',
      status: 'passing',
      checks: 2,
      bestScore: 100,
      lastScore: 100,
      lastCheckAt: at(20),
      minutes: 30,
    });
  });

  it('writes CSV a spreadsheet cannot be tricked by: quoted, formulas defused', () => {
    const csv = resultsCsv([
      {
        workshop: 'w',
        learner: '=HYPERLINK("http://evil.example","click")',
        scenario: 's',
        status: 'passing',
        checks: 1,
        bestScore: 100,
        lastScore: 100,
        lastCheckAt: null,
        minutes: 3,
      },
    ]);
    const [head, row] = csv.split('\r\n');
    assert.equal(head, 'workshop,learner,scenario,status,checks,bestScore,lastScore,lastCheckAt,minutes');
    assert.equal(row, `"w","'=HYPERLINK(""http://evil.example"",""click"")","s","passing",1,100,100,,3`);
  });

  describe('over HTTP and the /instructor socket', () => {
    let t: TestServer;
    let instructor: string;
    let owner: string;
    let code: string;
    before(async () => {
      t = await startTestServer({});
      instructor = await signIn(t.baseUrl, t.tokens.instructor);
      const created = await api<{ workshop: { code: string } }>(
        t.baseUrl,
        'POST',
        '/api/instructor/workshops',
        {
          cookie: instructor,
          body: {},
        },
      );
      code = created.body.workshop.code;
      owner = await joinWorkshop(t.baseUrl, code, 'Owner');
    });
    after(() => t.close({ removeData: true }));

    it('tells instructors (only) that the grid changed when a Check finishes, and the grid shows it', async () => {
      const learnerSocket = io(`${t.baseUrl}${INSTRUCTOR_NAMESPACE}`, {
        transports: ['websocket'],
        extraHeaders: { cookie: owner, origin: t.origin },
        reconnection: false,
        forceNew: true,
      });
      const refused = await new Promise<{ data?: { status: number } }>((resolve) =>
        learnerSocket.once('connect_error', resolve),
      );
      learnerSocket.close();
      assert.equal(refused.data?.status, 403);
      const grid = await api(t.baseUrl, 'GET', '/api/instructor/progress', { cookie: owner });
      assert.equal(grid.status, 403, 'nor over REST');

      const socket = io(`${t.baseUrl}${INSTRUCTOR_NAMESPACE}`, {
        transports: ['websocket'],
        extraHeaders: { cookie: instructor, origin: t.origin },
        reconnection: false,
        forceNew: true,
      });
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      let notices = 0;
      socket.on('progress:changed', () => (notices += 1));
      const started = await api<{ lab: { id: string } }>(t.baseUrl, 'POST', '/api/labs', {
        cookie: owner,
        body: { scenarioId: 'demo' },
      });
      await until(() => t.store.labs.get(started.body.lab.id)?.state === 'ready', 'the lab to be ready');
      await until(() => notices > 0, 'a notice for the lab changes');
      const before = notices;
      const check = await api(t.baseUrl, 'POST', `/api/labs/${started.body.lab.id}/check`, { cookie: owner });
      assert.equal(check.status, 200);
      await until(() => notices > before, 'a notice for the Check');
      socket.close();

      const progress = await api<{ progress: ProgressGrid }>(
        t.baseUrl,
        'GET',
        `/api/instructor/progress?workshop=${code}`,
        { cookie: instructor },
      );
      assert.deepEqual(progress.body.progress.scenarios, ['demo']);
      const cell = progress.body.progress.rows[0]?.cells[0];
      assert.equal(progress.body.progress.rows[0]?.name, 'Owner');
      assert.equal(cell?.checks, 1);
      assert.ok(cell?.status === 'passing' || cell?.status === 'failing');
      assert.equal(cell?.labId, started.body.lab.id);

      const csv = await fetch(`${t.baseUrl}/api/instructor/results.csv?workshop=${code}`, {
        headers: { cookie: instructor },
      });
      assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
      assert.match(
        csv.headers.get('content-disposition') ?? '',
        /attachment; filename="?cks-lab-results\.csv/,
      );
      const lines = (await csv.text()).trimEnd().split('\r\n');
      assert.equal(lines.length, 2);
      assert.match(lines[1] ?? '', /^"[a-z0-9-]+","Owner","demo","(passing|failing)",1,/);
      const json = await api<{ results: unknown[] }>(t.baseUrl, 'GET', '/api/instructor/results.json', {
        cookie: instructor,
      });
      assert.equal(json.body.results.length, 1);
    });

    it('lets an instructor reset a learner lab (a stuck learner), as the grid offers', async () => {
      const labId = t.store.labs.list()[0]?.id ?? '';
      const reset = await api(t.baseUrl, 'POST', `/api/labs/${labId}/reset`, { cookie: instructor });
      assert.equal(reset.status, 202);
    });
  });
});
