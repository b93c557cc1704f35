// Issue 12 item 3 (server side): a mock exam as a lab of several clusters, its clock, no Check, flags and notes,
// End grading once and keeping the result, the clock ending it, and a restart finding it (clock intact) or failing
// one caught mid-setup.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import type { ExamDetail, ExamEngine, ExamGrade, ReportLine } from '../../../server/labs/deps.js';
import { DEFAULT_LAB_CONFIG } from '../../../server/labs/config.js';
import { LabError } from '../../../server/labs/errors.js';
import { LabService } from '../../../server/labs/service.js';
import { openStore, type Learner, type Store } from '../../../server/store/index.js';
import { FakeProvider, FakeScenarios } from './fakes.js';
import { quietLogger, tempDir, until } from './harness.js';

const TASKS = [
  { scenario: 'one', task: 'a', title: 'Task A', weight: 60 },
  { scenario: 'two', task: 'b', title: 'Task B', weight: 40 },
];

/** Two clusters; setUp waits for `release` when held; grade answers with `passing` tasks passed. */
class FakeExams implements ExamEngine {
  readonly setUps: string[] = [];
  readonly tornDown: string[] = [];
  grades = 0;
  passing = new Set<string>();
  hold = false;
  failSetUp = false;
  private releases: (() => void)[] = [];

  release(): void {
    for (const release of this.releases.splice(0)) release();
  }

  list() {
    return Promise.resolve([]);
  }
  get(setId: string): Promise<ExamDetail | undefined> {
    if (setId !== 'T') return Promise.resolve(undefined);
    return Promise.resolve({
      id: 'T',
      title: 'Test exam',
      tasks: 2,
      clusters: 2,
      expectedMinutes: 20,
      domains: [],
      taskList: TASKS.map((t, i) => ({
        key: `${t.scenario}/${t.task}`,
        scenario: t.scenario,
        scenarioTitle: t.scenario,
        task: t.task,
        title: t.title,
        weight: t.weight,
        domain: 'Cluster Setup',
        cluster: i + 1,
        host: `cks-exam-${i + 1}`,
        instructions: 'do it',
      })),
      solutions: [],
    });
  }
  clusterNames(_setId: string, name: string) {
    return Promise.resolve([name, `${name}-2`]);
  }
  async setUp(_setId: string, name: string, report: ReportLine) {
    this.setUps.push(name);
    report('cluster 1: creating');
    if (this.hold) await new Promise<void>((resolve) => this.releases.push(resolve));
    if (this.failSetUp) throw new Error('kind create failed');
  }
  grade(): Promise<ExamGrade> {
    this.grades += 1;
    const tasks = TASKS.map((t) => {
      const pass = this.passing.has(t.task);
      return {
        ...t,
        score: pass ? t.weight : 0,
        status: pass ? 'pass' : 'fail',
        problems: pass ? [] : ['nope'],
      } as const;
    });
    const score = tasks.reduce((sum, t) => sum + t.score, 0);
    return Promise.resolve({ percent: score, passed: score >= 67, score, maxScore: 100, tasks: [...tasks] });
  }
  tearDown(_setId: string, name: string) {
    this.tornDown.push(name);
    return Promise.resolve();
  }
}

const services: LabService[] = [];

async function fixture(store?: Store, exams = new FakeExams(), maxLabs = 4, provider = new FakeProvider()) {
  const s = store ?? (await openStore(await tempDir()));
  const service = new LabService({
    store: s,
    provider,
    scenarios: new FakeScenarios(),
    config: { ...DEFAULT_LAB_CONFIG, maxLabs },
    logger: quietLogger,
    exams,
  });
  services.push(service);
  return { store: s, exams, service };
}

const learner = (store: Store, name = 'a'): Promise<Learner> =>
  store.learners.create({ name, role: 'learner', origin: 'workshop' });

describe('exam labs', () => {
  afterEach(async () => {
    await Promise.all(services.splice(0).map((s) => s.close()));
  });

  it('sets up every cluster, starts the clock when ready, refuses Check and Reset', async () => {
    const f = await fixture();
    const view = await f.service.startExam(await learner(f.store), 'T', { practice: false, minutes: 30 });
    assert.equal(view.state, 'provisioning');
    await until(() => f.store.labs.get(view.id)?.state === 'ready', 'ready');
    const lab = f.store.labs.get(view.id);
    assert.deepEqual(lab?.exam?.clusters, [view.clusterName, `${view.clusterName}-2`]);
    assert.ok(lab?.exam?.startedAt && lab.exam.endsAt);
    assert.equal(Date.parse(lab.exam.endsAt) - Date.parse(lab.exam.startedAt), 30 * 60_000);
    await assert.rejects(
      f.service.check(view.id),
      (e: unknown) => e instanceof LabError && e.code === 'exam_no_check',
    );
    await assert.rejects(
      f.service.checkExam(view.id),
      (e: unknown) => e instanceof LabError && e.code === 'exam_no_check',
    );
    await assert.rejects(
      f.service.reset(view.id),
      (e: unknown) => e instanceof LabError && e.code === 'exam_no_reset',
    );
    assert.equal(f.exams.grades, 0, 'nothing was graded during the exam');
  });

  it('keeps flags and notes, then End grades once, keeps the result and an attempt, and deletes every cluster', async () => {
    const f = await fixture();
    const view = await f.service.startExam(await learner(f.store), 'T', { practice: false, minutes: 120 });
    await until(() => f.store.labs.get(view.id)?.state === 'ready', 'ready');
    await f.service.saveExamAnswers(view.id, {
      flagged: ['two/b', 'two/b', 'not/a-task'],
      notes: 'check etcd',
    });
    assert.deepEqual(f.store.labs.get(view.id)?.exam?.flagged, ['two/b']);
    f.exams.passing.add('a');
    const ended = await f.service.end(view.id, 'you ended it');
    assert.equal(ended.state, 'ended');
    const exam = f.store.labs.get(view.id)?.exam;
    assert.equal(exam?.result?.percent, 60);
    assert.equal(exam?.result?.passed, false);
    assert.equal(exam?.notes, 'check etcd');
    assert.deepEqual(f.exams.tornDown, [view.clusterName]);
    const attempts = f.store.attempts.forLab(view.id);
    assert.equal(attempts.length, 1);
    assert.equal(attempts[0]?.score, 60);
    // ending again changes nothing
    await f.service.end(view.id, 'again');
    assert.equal(f.exams.grades, 1);
    await assert.rejects(f.service.saveExamAnswers(view.id, { flagged: [], notes: '' }), /over/);
  });

  it('practice mode allows Check without ending the exam', async () => {
    const f = await fixture();
    const view = await f.service.startExam(await learner(f.store), 'T', { practice: true, minutes: 60 });
    await until(() => f.store.labs.get(view.id)?.state === 'ready', 'ready');
    f.exams.passing = new Set(['a', 'b']);
    const attempt = await f.service.checkExam(view.id);
    assert.equal(attempt.score, 100);
    assert.equal(f.store.labs.get(view.id)?.state, 'ready');
  });

  it('ends and grades the exam when its clock runs out', async () => {
    const provider = new FakeProvider();
    const f = await fixture(undefined, new FakeExams(), 4, provider);
    const view = await f.service.startExam(await learner(f.store), 'T', { practice: false, minutes: 10 });
    await until(() => f.store.labs.get(view.id)?.state === 'ready', 'ready');
    // move the deadline to now, as a restart after the time ran out would find it, and reconcile
    const lab = f.store.labs.get(view.id);
    assert.ok(lab?.exam);
    await f.store.labs.update(view.id, {
      exam: { ...lab.exam, endsAt: new Date(Date.now() + 50).toISOString() },
    });
    for (const name of lab.exam.clusters) provider.clusters.add(name);
    await f.service.reconcile();
    await until(() => f.store.labs.get(view.id)?.state === 'ended', 'ended by the clock');
    assert.equal(f.store.labs.get(view.id)?.reason, 'the time ran out');
    assert.equal(f.exams.grades, 1);
  });

  it('after a restart keeps a ready exam and its clock, and fails one caught mid-setup', async () => {
    const store = await openStore(await tempDir());
    const first = await fixture(store);
    const a = await first.service.startExam(await learner(first.store, 'a'), 'T', {
      practice: false,
      minutes: 60,
    });
    await until(() => first.store.labs.get(a.id)?.state === 'ready', 'ready');
    const endsAt = first.store.labs.get(a.id)?.exam?.endsAt;
    first.exams.hold = true;
    const b = await first.service.startExam(await learner(first.store, 'b'), 'T', {
      practice: false,
      minutes: 60,
    });
    await first.service.close();
    services.splice(services.indexOf(first.service), 1);

    const exams = new FakeExams();
    // the new server's Docker still has a's clusters, as a real restart would find them
    const provider = new FakeProvider();
    for (const name of [a.clusterName, `${a.clusterName}-2`]) provider.clusters.add(name);
    // the same data file, read by the next server
    const second = await fixture(store, exams, 4, provider);
    await second.service.reconcile();
    assert.equal(second.store.labs.get(a.id)?.state, 'ready');
    assert.equal(second.store.labs.get(a.id)?.exam?.endsAt, endsAt, 'the clock is where it was');
    assert.equal(second.store.labs.get(b.id)?.state, 'failed');
    assert.match(second.store.labs.get(b.id)?.reason ?? '', /restarted while the exam was being set up/);
    assert.deepEqual(exams.tornDown, [b.clusterName]);
    first.exams.release();
  });

  it('needs a free slot for each of its clusters, and no other open lab', async () => {
    const f = await fixture(undefined, new FakeExams(), 1);
    await assert.rejects(
      f.service.startExam(await learner(f.store), 'T', { practice: false, minutes: 60 }),
      (e: unknown) => e instanceof LabError && e.code === 'no_room_for_exam',
    );
    const g = await fixture(undefined, new FakeExams(), 4);
    const me = await learner(g.store);
    await g.service.start(me, 'demo');
    await assert.rejects(
      g.service.startExam(me, 'T', { practice: false, minutes: 60 }),
      (e: unknown) => e instanceof LabError && e.code === 'lab_exists',
    );
    await assert.rejects(
      g.service.startExam(await learner(g.store, 'c'), 'X', { practice: false, minutes: 60 }),
      /no exam "X"/,
    );
  });

  it('a setup that fails marks the exam failed and cleans up', async () => {
    const exams = new FakeExams();
    exams.failSetUp = true;
    const f = await fixture(undefined, exams);
    const view = await f.service.startExam(await learner(f.store), 'T', { practice: false, minutes: 60 });
    await until(() => f.store.labs.get(view.id)?.state === 'failed', 'failed');
    assert.match(f.store.labs.get(view.id)?.reason ?? '', /kind create failed/);
    assert.deepEqual(exams.tornDown, [view.clusterName]);
  });
});
