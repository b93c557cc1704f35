import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { DEFAULT_LAB_CONFIG } from '../../../server/labs/config.js';
import { LabError } from '../../../server/labs/errors.js';
import { LabService } from '../../../server/labs/service.js';
import { openStore, type Learner, type Store } from '../../../server/store/index.js';
import { FakeProvider, FakeScenarios } from './fakes.js';
import { quietLogger, tempDir, until } from './harness.js';

interface Fixture {
  store: Store;
  provider: FakeProvider;
  scenarios: FakeScenarios;
  service: LabService;
}

const services: LabService[] = [];

async function fixture(
  config: Partial<typeof DEFAULT_LAB_CONFIG> = {},
  store?: Store,
  provider = new FakeProvider(),
): Promise<Fixture> {
  const s = store ?? (await openStore(await tempDir()));
  const scenarios = new FakeScenarios();
  const service = new LabService({
    store: s,
    provider,
    scenarios,
    config: { ...DEFAULT_LAB_CONFIG, ...config },
    logger: quietLogger,
  });
  services.push(service);
  return { store: s, provider, scenarios, service };
}

async function learner(store: Store, name: string): Promise<Learner> {
  return store.learners.create({ name, role: 'learner', origin: 'workshop' });
}

describe('lab lifecycle', () => {
  afterEach(async () => {
    await Promise.all(services.splice(0).map((s) => s.close()));
  });

  it('provisions cluster → images → setup → ready, reporting each step', async () => {
    const f = await fixture();
    const steps: string[] = [];
    f.service.events.subscribe((e) => {
      if (e.type === 'progress' && e.event.kind === 'start') steps.push(e.event.step);
    });
    const view = await f.service.start(await learner(f.store, 'a'), 'demo');
    await until(() => f.store.labs.get(view.id)?.state === 'ready', 'ready');
    assert.deepEqual(steps, ['cluster', 'images', 'setup']);
    assert.deepEqual(f.provider.created, [`cks-${view.id}`]);
    assert.deepEqual(f.scenarios.setups, [`cks-${view.id}`]);
    assert.match(view.clusterName, /^cks-[a-z0-9]{8}$/);
  });

  it('allows one open lab per learner', async () => {
    const f = await fixture();
    const a = await learner(f.store, 'a');
    const first = await f.service.start(a, 'demo');
    await assert.rejects(f.service.start(a, 'demo'), (error: unknown) => {
      assert.ok(error instanceof LabError);
      assert.equal(error.status, 409);
      assert.equal(error.details?.labId, first.id);
      return true;
    });
  });

  it('refuses an unknown scenario without creating a lab', async () => {
    const f = await fixture();
    await assert.rejects(f.service.start(await learner(f.store, 'a'), 'nope'), /no scenario "nope"/);
    assert.equal(f.store.labs.list().length, 0);
  });

  it('caps concurrent labs and queues the rest FIFO with their position', async () => {
    const provider = new FakeProvider();
    provider.holdCreates = true;
    const f = await fixture({ maxLabs: 1 }, undefined, provider);
    const a = await f.service.start(await learner(f.store, 'a'), 'demo');
    const b = await f.service.start(await learner(f.store, 'b'), 'demo');
    const c = await f.service.start(await learner(f.store, 'c'), 'demo');
    await until(() => provider.isWaiting(`cks-${a.id}`), 'a to provision');
    assert.equal(b.state, 'requested');
    assert.equal(b.queuePosition, 1);
    assert.equal(c.queuePosition, 2);
    assert.match(b.message, /All 1 lab slots.*number 1 in the queue/);
    assert.equal(provider.created.length, 1, 'the cap holds');

    await f.service.end(a.id, 'test');
    await until(() => provider.isWaiting(`cks-${b.id}`), 'b to take the free slot');
    const cView = f.service.view(f.store.labs.get(c.id)!);
    assert.equal(cView.queuePosition, 1, 'c moved up');
    assert.deepEqual(provider.created, [`cks-${a.id}`, `cks-${b.id}`]);
    assert.ok(provider.deleted.includes(`cks-${a.id}`), 'ending deletes the cluster');
  });

  it('marks a lab failed with the step and reason, frees the slot and deletes the cluster', async () => {
    const provider = new FakeProvider();
    provider.failCreate = new Error('kind create failed: no space left on device\nlong output');
    const f = await fixture({}, undefined, provider);
    const view = await f.service.start(await learner(f.store, 'a'), 'demo');
    await until(() => f.store.labs.get(view.id)?.state === 'failed', 'failed');
    const lab = f.store.labs.get(view.id)!;
    assert.equal(lab.reason, 'step "cluster" failed: kind create failed: no space left on device');
    assert.match(f.service.view(lab).message, /Reset it to try again/);
    assert.equal(f.store.labs.active().length, 0);
  });

  it('grades a ready lab, stores the attempt and refuses Check while provisioning', async () => {
    const provider = new FakeProvider();
    provider.holdCreates = true;
    const f = await fixture({}, undefined, provider);
    const view = await f.service.start(await learner(f.store, 'a'), 'demo');
    await until(() => provider.isWaiting(view.clusterName), 'provisioning');
    await assert.rejects(f.service.check(view.id), /Check works once it is ready/);
    provider.release(view.clusterName);
    await until(() => f.store.labs.get(view.id)?.state === 'ready', 'ready');
    const attempt = await f.service.check(view.id);
    assert.equal(attempt.passed, false);
    assert.equal(attempt.tasks[0]?.checks[0]?.message, 'expected x, found y');
    assert.deepEqual(f.store.attempts.forLab(view.id), [attempt]);
    assert.equal(f.store.labs.get(view.id)?.state, 'ready');
  });

  it('reset replaces the cluster with one under a new name, runs setup again and deletes the old one', async () => {
    const f = await fixture();
    const view = await f.service.start(await learner(f.store, 'a'), 'demo');
    await until(() => f.store.labs.get(view.id)?.state === 'ready', 'ready');
    const reset = await f.service.reset(view.id);
    assert.notEqual(reset.clusterName, view.clusterName, 'a new name: the old delete cannot race the create');
    assert.match(reset.clusterName, /^cks-[a-z0-9]{8}$/);
    assert.equal(reset.clusterSource, null);
    await until(
      () => f.store.labs.get(view.id)?.state === 'ready' && f.scenarios.setups.length === 2,
      'ready again',
    );
    assert.deepEqual(f.provider.created, [view.clusterName, reset.clusterName]);
    assert.deepEqual(f.scenarios.setups, [view.clusterName, reset.clusterName]);
    await until(() => !f.provider.clusters.has(view.clusterName), 'the old cluster to be deleted');
    assert.equal(f.store.labs.get(view.id)?.clusterSource, 'created');
  });

  it('ends labs idle for longer than the timeout', async () => {
    const f = await fixture({ idleTimeoutMs: 60_000 });
    const view = await f.service.start(await learner(f.store, 'a'), 'demo');
    await until(() => f.store.labs.get(view.id)?.state === 'ready', 'ready');
    assert.deepEqual(await f.service.expireIdle(Date.now()), []);
    assert.deepEqual(await f.service.expireIdle(Date.now() + 61_000), [view.id]);
    const lab = f.store.labs.get(view.id)!;
    assert.equal(lab.state, 'ended');
    assert.match(lab.reason ?? '', /idle for more than 1 minutes/);
    assert.equal(f.provider.clusters.has(view.clusterName), false);
  });

  it('reconciles after a restart: adopt, end the vanished, requeue the interrupted, delete the unknown', async () => {
    const dir = await tempDir();
    const first = await fixture({}, await openStore(dir));
    const a = await learner(first.store, 'a');
    const b = await learner(first.store, 'b');
    const c = await learner(first.store, 'c');
    const adopted = await first.store.labs.create(a.id, 'demo');
    await first.store.labs.update(adopted.id, { state: 'ready' });
    const vanished = await first.store.labs.create(b.id, 'demo');
    await first.store.labs.update(vanished.id, { state: 'ready' });
    const interrupted = await first.store.labs.create(c.id, 'demo');
    await first.store.labs.update(interrupted.id, { state: 'provisioning' });

    const provider = new FakeProvider();
    provider.clusters.add(adopted.clusterName);
    provider.clusters.add(interrupted.clusterName); // half-made when the server stopped
    provider.clusters.add('cks-zzzzzzzz'); // lab-shaped, owned by nobody
    provider.clusters.add('kind'); // not ours: never touched
    const second = await fixture({}, await openStore(dir), provider);
    const report = await second.service.reconcile();
    assert.deepEqual(report.adopted, [adopted.id]);
    assert.deepEqual(report.endedMissing, [vanished.id]);
    assert.deepEqual(report.requeued, [interrupted.id]);
    assert.deepEqual(report.deletedUnknown, ['cks-zzzzzzzz']);
    assert.equal(second.store.labs.get(vanished.id)?.state, 'ended');
    assert.ok(provider.clusters.has('kind'));
    assert.ok(provider.deleted.includes(interrupted.clusterName), 'the half-made cluster is deleted');
    await until(
      () => second.store.labs.get(interrupted.id)?.state === 'ready',
      'the interrupted lab to provision again',
    );
  });
});
