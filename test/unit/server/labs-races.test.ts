import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { DEFAULT_LAB_CONFIG, type LabConfig } from '../../../server/labs/config.js';
import type { LabGrade, ReportLine, ScenarioEngine } from '../../../server/labs/deps.js';
import { LabError } from '../../../server/labs/errors.js';
import { Provisioner } from '../../../server/labs/provisioner.js';
import { LabService } from '../../../server/labs/service.js';
import { openStore, type Learner, type Store } from '../../../server/store/index.js';
import { FakeProvider, FakeScenarios } from './fakes.js';
import { quietLogger, tempDir, until } from './harness.js';

/** The demo scenario, with grades and image loads the test holds open, like a slow cluster. */
class HeldScenarios implements ScenarioEngine {
  private readonly base = new FakeScenarios();
  readonly setups = this.base.setups;
  readonly preloads = this.base.preloads;
  list = () => this.base.list();
  get = (id: string) => this.base.get(id);
  setup = (cluster: string) => this.base.setup(cluster);
  /** Every grade started, with the signal it was given. */
  readonly grades: { cluster: string; signal: AbortSignal }[] = [];
  holdGrades = false;
  /** Image loads wait for releasePreloads() and do NOT look at their signal (as a docker load does not). */
  holdPreloads = false;
  private readonly gradeWaiters: (() => void)[] = [];
  private readonly preloadWaiters: (() => void)[] = [];

  async grade(cluster: string, _scenarioId: string, signal: AbortSignal): Promise<LabGrade> {
    this.grades.push({ cluster, signal });
    if (this.holdGrades) {
      await new Promise<void>((resolve, reject) => {
        this.gradeWaiters.push(resolve);
        signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true });
      });
    }
    return this.base.grade_;
  }

  releaseGrades(): void {
    for (const release of this.gradeWaiters.splice(0)) release();
  }

  async preloadImages(cluster: string, _scenarioId: string, _report: ReportLine): Promise<void> {
    if (this.holdPreloads) await new Promise<void>((resolve) => this.preloadWaiters.push(resolve));
    this.preloads.push(cluster);
  }

  get preloadsWaiting(): number {
    return this.preloadWaiters.length;
  }

  releasePreloads(): void {
    for (const release of this.preloadWaiters.splice(0)) release();
  }
}

interface Fixture {
  store: Store;
  provider: FakeProvider;
  scenarios: HeldScenarios;
  service: LabService;
}

const services: LabService[] = [];

async function fixture(config: Partial<LabConfig> = {}): Promise<Fixture> {
  const store = await openStore(await tempDir());
  const provider = new FakeProvider();
  const scenarios = new HeldScenarios();
  const service = new LabService({
    store,
    provider,
    scenarios,
    config: { ...DEFAULT_LAB_CONFIG, ...config },
    logger: quietLogger,
  });
  services.push(service);
  return { store, provider, scenarios, service };
}

function learner(store: Store, name: string): Promise<Learner> {
  return store.learners.create({ name, role: 'learner', origin: 'workshop' });
}

async function readyLab(f: Fixture, name = 'a'): Promise<string> {
  const view = await f.service.start(await learner(f.store, name), 'demo');
  await until(() => f.store.labs.get(view.id)?.state === 'ready', `lab of ${name} ready`);
  return view.id;
}

/** Every cluster created for anyone but the given ones. */
function createdExcept(f: Fixture, others: readonly string[]): string[] {
  return f.provider.created.filter((name) => !others.includes(name));
}

function labErrorCode(result: PromiseSettledResult<unknown>): string | undefined {
  return result.status === 'rejected' && result.reason instanceof LabError ? result.reason.code : undefined;
}

/** Rejects when the promise has not settled by the deadline: work that ignores cancellation fails the test. */
function settles<T>(promise: Promise<T>, what: string, ms = 5_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} never settled`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

// Lab transitions are check-then-act across async writes: every test here issues the requests together, the way
// a double click, two tabs or an impatient learner (or a hostile one, on purpose) does.
describe('lab lifecycle under concurrent requests', () => {
  afterEach(async () => {
    await Promise.all(services.splice(0).map((s) => s.close()));
  });

  it('runs one grading for parallel Checks and tells the others a Check is running', async () => {
    const f = await fixture();
    const labId = await readyLab(f);
    f.scenarios.holdGrades = true;
    const checks = Array.from({ length: 5 }, () => f.service.check(labId));
    const [first, ...others] = checks.map((check) => Promise.allSettled([check]).then(([r]) => r));
    await until(() => f.scenarios.grades.length > 0, 'the grading to start');
    // the refusals do not wait for the running grade
    const refused = await settles(Promise.all(others), 'the refused Checks');
    f.scenarios.releaseGrades();
    assert.equal((await first)?.status, 'fulfilled');
    assert.equal(f.scenarios.grades.length, 1, 'exactly one grading ran');
    assert.deepEqual(refused.map(labErrorCode), Array(4).fill('lab_checking'));
    const message = refused[0]?.status === 'rejected' ? (refused[0].reason as Error).message : '';
    assert.match(message, /already running/);
    assert.equal(f.store.attempts.forLab(labId).length, 1);
    assert.equal(f.store.labs.get(labId)?.state, 'ready');
  });

  for (const order of [
    ['reset', 'end'],
    ['end', 'reset'],
  ] as const) {
    it(`${order.join(' + ')} together: the lab ends, every cluster it had is deleted, the cap holds`, async () => {
      const f = await fixture({ maxLabs: 1 });
      const labId = await readyLab(f, 'a');
      // b waits for a's slot: a lab that came back to life would now run beside b, past maxLabs
      const waiting = await f.service.start(await learner(f.store, 'b'), 'demo');
      assert.equal(waiting.state, 'requested');
      const calls = order.map((what) =>
        what === 'reset' ? f.service.reset(labId) : f.service.end(labId, 'test'),
      );
      const [first, second] = await Promise.allSettled(calls);
      const endResult = order[0] === 'end' ? first : second;
      const resetResult = order[0] === 'reset' ? first : second;
      assert.equal(endResult?.status, 'fulfilled', String(endResult));
      // a reset after the end is refused; one before it is simply undone by the end
      if (resetResult?.status === 'rejected') assert.equal(labErrorCode(resetResult), 'lab_ended');

      // a lab brought back to life would keep b queued: whichever becomes ready first tells
      await until(
        () => [waiting.id, labId].some((id) => f.store.labs.get(id)?.state === 'ready'),
        'a lab to become ready',
      );
      assert.equal(f.store.labs.get(labId)?.state, 'ended', 'the lab stays ended');
      assert.equal(f.store.labs.get(waiting.id)?.state, 'ready', 'b took the freed slot');
      const bCluster = f.store.labs.get(waiting.id)?.clusterName ?? '';
      const aClusters = createdExcept(f, [bCluster]);
      await until(
        () => aClusters.every((name) => !f.provider.clusters.has(name)),
        "a's clusters to be deleted",
      );
      // let any run that survived the end finish what it would do
      await until(() => f.provider.waitingNames().length === 0, 'no create in flight');
      assert.equal(f.store.labs.get(labId)?.state, 'ended', 'the lab is still ended');
      assert.deepEqual(
        f.store.labs.active().map((lab) => lab.id),
        [waiting.id],
        'only b holds a slot (maxLabs 1)',
      );
      assert.deepEqual(
        [...f.provider.clusters].sort(),
        [bCluster],
        'no cluster of a is left running beside b',
      );
    });
  }

  it('ending a lab mid-provisioning stops before the next step and deletes the cluster it made', async () => {
    const f = await fixture();
    f.scenarios.holdPreloads = true;
    const view = await f.service.start(await learner(f.store, 'a'), 'demo');
    await until(() => f.scenarios.preloadsWaiting === 1, 'provisioning to reach the images step');
    assert.ok(f.provider.clusters.has(view.clusterName), 'the cluster step made a cluster');
    const ending = f.service.end(view.id, 'test');
    // the images step ignores the cancellation and finishes: setup must still not run
    f.scenarios.releasePreloads();
    const ended = await settles(ending, 'end');
    assert.equal(ended.state, 'ended');
    assert.deepEqual(f.scenarios.setups, [], 'setup never ran on an ended lab');
    assert.equal(f.provider.clusters.has(view.clusterName), false, 'its cluster is deleted');
    assert.equal(f.store.labs.get(view.id)?.state, 'ended');
  });

  it('reset during a Check cancels the grade and records nothing from the old cluster', async () => {
    const f = await fixture();
    const labId = await readyLab(f);
    const oldCluster = f.store.labs.get(labId)?.clusterName;
    f.scenarios.holdGrades = true;
    const checking = f.service.check(labId);
    await until(() => f.scenarios.grades.length === 1, 'the grading to start');
    const reset = await settles(f.service.reset(labId), 'reset');
    assert.notEqual(reset.clusterName, oldCluster);
    const outcome = await settles(
      checking.then(
        () => 'recorded',
        (error: unknown) => (error instanceof LabError ? error.code : String(error)),
      ),
      'the cancelled Check',
    );
    assert.equal(outcome, 'lab_changed');
    assert.equal(f.scenarios.grades[0]?.signal.aborted, true, "the grade's work was told to stop");
    assert.deepEqual(f.store.attempts.forLab(labId), [], 'no attempt from a cluster that is going away');
    await until(() => f.store.labs.get(labId)?.state === 'ready', 'the reset lab to be ready');
    assert.equal(f.store.labs.get(labId)?.clusterName, reset.clusterName);
    await until(() => !f.provider.clusters.has(oldCluster ?? ''), 'the old cluster to be deleted');
  });

  it('a Check past its deadline is cancelled, answers 504 and leaves the lab ready', async () => {
    const f = await fixture({ gradeTimeoutMs: 100 });
    const labId = await readyLab(f);
    f.scenarios.holdGrades = true; // never released: only the deadline ends it
    const outcome = await settles(
      f.service.check(labId).then(
        () => assert.fail('a grade that never finishes cannot succeed'),
        (error: unknown) => error,
      ),
      'the timed-out Check',
    );
    assert.ok(outcome instanceof LabError, String(outcome));
    assert.equal(outcome.status, 504);
    assert.equal(outcome.code, 'grading_timeout');
    assert.match(outcome.message, /^Check did not finish within 0\.1 s/);
    assert.equal(f.scenarios.grades[0]?.signal.aborted, true, "the grade's work was told to stop");
    assert.equal(f.store.labs.get(labId)?.state, 'ready');
    assert.deepEqual(f.store.attempts.forLab(labId), []);
  });

  it('a provisioning run that missed its cancellation cannot mark an ended lab ready', async () => {
    // end and reset stop runs first; this is the second line of defence: every write a run makes is conditional
    const store = await openStore(await tempDir());
    const provider = new FakeProvider();
    provider.holdCreates = true;
    const published: string[] = [];
    const provisioner = new Provisioner({
      store,
      provider,
      scenarios: new FakeScenarios(),
      pool: {
        claim: async () => undefined,
        makeRoom: () => undefined,
        labProvisioning: () => () => undefined,
      },
      config: DEFAULT_LAB_CONFIG,
      logger: quietLogger,
      publish: (lab) => published.push(lab.state),
      progress: () => undefined,
      slotFreed: () => undefined,
    });
    const a = await learner(store, 'a');
    const created = await store.labs.create(a.id, 'demo');
    const lab = await store.labs.update(created.id, { state: 'provisioning' });
    assert.ok(lab);
    provisioner.launch(lab);
    await until(() => provider.isWaiting(lab.clusterName), 'the create to start');
    // the lab is ended behind the run's back (no stop), e.g. by a path that forgot to stop it
    await store.labs.update(lab.id, { state: 'ended', endedAt: new Date().toISOString() });
    provider.release(lab.clusterName);
    // the run's last write either brings the lab back (the bug) or is refused and the run deletes its cluster
    await until(
      () => store.labs.get(lab.id)?.state !== 'ended' || provider.deleted.includes(lab.clusterName),
      'the run to finish',
    );
    await provisioner.stop(lab.id);
    assert.equal(store.labs.get(lab.id)?.state, 'ended', 'the run did not bring the lab back');
    assert.equal(published.includes('ready'), false, 'nobody was told it is ready');
    assert.equal(provider.clusters.has(lab.clusterName), false, 'the cluster it made is deleted');
  });

  it('a reset of a failed lab cannot open a second lab beside one started meanwhile', async () => {
    const f = await fixture();
    const a = await learner(f.store, 'a');
    f.provider.failCreate = new Error('kind create failed');
    const failed = await f.service.start(a, 'demo');
    await until(() => f.store.labs.get(failed.id)?.state === 'failed', 'failed');
    f.provider.failCreate = undefined;
    // a failed lab is not an open lab, so a new start is allowed...
    const second = await f.service.start(a, 'demo');
    // ...and then the failed one must not come back beside it (labsPerLearner 1)
    await assert.rejects(f.service.reset(failed.id), (error: unknown) => {
      assert.ok(error instanceof LabError);
      assert.equal(error.code, 'lab_exists');
      assert.equal(error.details?.labId, second.id);
      return true;
    });
    assert.equal(f.store.labs.get(failed.id)?.state, 'failed');
    assert.equal(f.store.labs.openForLearner(a.id).length, 1);
  });
});
