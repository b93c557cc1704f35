import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { DEFAULT_LAB_CONFIG } from '../../../server/labs/config.js';
import { LabError } from '../../../server/labs/errors.js';
import { parsePoolSpec } from '../../../server/labs/pool-spec.js';
import { LabService } from '../../../server/labs/service.js';
import { openStore, type Learner, type Store } from '../../../server/store/index.js';
import { FakeProvider, FakeScenarios } from './fakes.js';
import { quietLogger, tempDir, until } from './harness.js';

const BLOCKER = 'Preparing the lab platform: building the node image — step 3/7: assemble the node rootfs.';

/** A provider whose cluster list waits until released: a reconcile that takes its time. */
class SlowListProvider extends FakeProvider {
  private openList: (() => void) | undefined;
  private readonly listGate = new Promise<void>((resolve) => (this.openList = resolve));

  override async list() {
    await this.listGate;
    return super.list();
  }

  releaseList(): void {
    this.openList?.();
  }
}

const services: LabService[] = [];

async function fixture(options: { pool?: string; store?: Store; provider?: FakeProvider } = {}) {
  const store = options.store ?? (await openStore(await tempDir()));
  const provider = options.provider ?? new FakeProvider();
  const gate = { blocker: BLOCKER as string | null };
  const service = new LabService({
    store,
    provider,
    scenarios: new FakeScenarios(),
    config: { ...DEFAULT_LAB_CONFIG, maxLabs: 4 },
    logger: quietLogger,
    pool: options.pool ? { spec: parsePoolSpec(options.pool, 'test'), loadAverage: () => 0 } : undefined,
    platform: { blocker: () => gate.blocker },
  });
  services.push(service);
  return { store, provider, service, gate };
}

function learner(store: Store, name: string): Promise<Learner> {
  return store.learners.create({ name, role: 'learner', origin: 'workshop' });
}

describe('labs wait for the lab platform (node image, engine)', () => {
  afterEach(async () => {
    await Promise.all(services.splice(0).map((s) => s.close()));
  });

  it('refuses a start with 503 platform_not_ready and the blocker, creating nothing', async () => {
    const f = await fixture();
    await assert.rejects(f.service.start(await learner(f.store, 'a'), 'demo'), (error: unknown) => {
      assert.ok(error instanceof LabError);
      assert.equal(error.status, 503);
      assert.equal(error.code, 'platform_not_ready');
      assert.equal(error.message, BLOCKER);
      return true;
    });
    assert.equal(f.store.labs.list().length, 0);
    assert.deepEqual(f.provider.created, []);
  });

  it('keeps the pool from creating while not ready, and creates once ready', async () => {
    const f = await fixture({ pool: '1:1' });
    await f.service.reconcile();
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.deepEqual(f.provider.created, []);
    assert.equal(f.service.pool.status().holding, 'platform');
    f.gate.blocker = null;
    f.service.pool.refill();
    await until(() => f.service.pool.status().ready === 1, 'a pooled cluster');
    assert.equal(f.provider.created.length, 1);
  });

  it('leaves labs queued before a restart queued until ready', async () => {
    const store = await openStore(await tempDir());
    const queued = await store.labs.create((await learner(store, 'a')).id, 'demo');
    const f = await fixture({ store });
    await f.service.reconcile();
    await new Promise((resolve) => setTimeout(resolve, 30));
    const lab = f.store.labs.get(queued.id);
    assert.equal(lab?.state, 'requested');
    assert.deepEqual(f.provider.created, []);
    assert.match(
      lab ? f.service.view(lab).message : '',
      /waits for the lab platform/,
      'not "all slots in use"',
    );
  });

  it('refuses a reset with 503 while not ready (it would create a cluster)', async () => {
    const f = await fixture();
    f.gate.blocker = null;
    const view = await f.service.start(await learner(f.store, 'a'), 'demo');
    await until(() => f.store.labs.get(view.id)?.state === 'ready', 'ready');
    f.gate.blocker = BLOCKER;
    await assert.rejects(
      f.service.reset(view.id),
      (error: unknown) => error instanceof LabError && error.status === 503,
    );
    assert.equal(f.provider.created.length, 1);
  });

  it('makes a start wait for a reconcile in progress (a lab launched meanwhile could be taken for an interrupted one)', async () => {
    const provider = new SlowListProvider();
    const f = await fixture({ provider });
    f.gate.blocker = null;
    const reconciled = f.service.reconcile();
    let started = false;
    const start = f.service.start(await learner(f.store, 'a'), 'demo').then((view) => {
      started = true;
      return view;
    });
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.equal(started, false, 'the start waits');
    assert.equal(f.store.labs.list().length, 0);
    provider.releaseList();
    await reconciled;
    const view = await start;
    await until(() => f.store.labs.get(view.id)?.state === 'ready', 'ready');
  });
});
