import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { DEFAULT_LAB_CONFIG, type LabConfig } from '../../../server/labs/config.js';
import type { ScenarioDetail } from '../../../server/labs/deps.js';
import type { PoolTuning } from '../../../server/labs/pool.js';
import { parsePoolSpec } from '../../../server/labs/pool-spec.js';
import { LabService } from '../../../server/labs/service.js';
import { openStore, type Learner, type Store } from '../../../server/store/index.js';
import { FakeProvider, FakeScenarios, SCENARIO } from './fakes.js';
import { quietLogger, tempDir, until } from './harness.js';

const TWO_NODE: ScenarioDetail = { ...SCENARIO, id: 'demo-two', title: 'Two-node demo', nodes: 2 };

interface Fixture {
  store: Store;
  provider: FakeProvider;
  scenarios: FakeScenarios;
  service: LabService;
  /** What the pool sees as the host's load average. */
  load: { value: number };
}

interface FixtureOptions {
  pool: string;
  config?: Partial<LabConfig>;
  tuning?: Partial<PoolTuning>;
  store?: Store;
  provider?: FakeProvider;
}

const services: LabService[] = [];

async function fixture(options: FixtureOptions): Promise<Fixture> {
  const store = options.store ?? (await openStore(await tempDir()));
  const provider = options.provider ?? new FakeProvider();
  const scenarios = new FakeScenarios([SCENARIO, TWO_NODE]);
  const load = { value: 0 };
  const service = new LabService({
    store,
    provider,
    scenarios,
    config: { ...DEFAULT_LAB_CONFIG, maxLabs: 4, ...options.config },
    logger: quietLogger,
    pool: {
      spec: parsePoolSpec(options.pool, 'test'),
      tuning: {
        failureBackoffMs: 20,
        failureBackoffMaxMs: 40,
        loadRetryMs: 20,
        maxLoad: 3,
        ...options.tuning,
      },
      loadAverage: () => load.value,
    },
  });
  services.push(service);
  return { store, provider, scenarios, service, load };
}

async function learner(store: Store, name: string): Promise<Learner> {
  return store.learners.create({ name, role: 'learner', origin: 'workshop' });
}

const readyEntries = (store: Store) => store.pool.list().filter((e) => e.state === 'ready');

describe('warm cluster pool', () => {
  afterEach(async () => {
    await Promise.all(services.splice(0).map((s) => s.close()));
  });

  it('fills to size one creation at a time, every shape getting its first cluster before any its second', async () => {
    const provider = new FakeProvider();
    provider.holdCreates = true;
    const f = await fixture({ pool: '1:2,2:1', provider });
    await f.service.reconcile();
    for (const [i, nodes] of ([1, 2, 1] as const).entries()) {
      await until(() => provider.waitingNames().length === 1, `pool creation ${i + 1}`);
      assert.equal(provider.created.length, i + 1, 'no second creation runs beside the first');
      const [name] = provider.waitingNames();
      assert.match(
        name ?? '',
        /^cks-[a-z0-9]{8}$/,
        'pooled clusters are lab-shaped, so reconcile knows them',
      );
      assert.equal(provider.createdNodes.get(name ?? ''), nodes);
      assert.equal(f.store.pool.list().find((e) => e.clusterName === name)?.state, 'creating');
      provider.release(name ?? '');
    }
    await until(() => readyEntries(f.store).length === 3, 'three ready pooled clusters');
    assert.equal(provider.created.length, 3, 'a full pool creates nothing more');
    assert.deepEqual(f.service.pool.status(), { creating: 0, ready: 3, holding: null });
  });

  it('never lets labs and pooled clusters together pass CKS_LAB_MAX_LABS', async () => {
    const f = await fixture({ pool: '1:3', config: { maxLabs: 2 } });
    await f.service.reconcile();
    await until(() => f.service.pool.status().holding === 'capacity', 'the pool to stop at the cap');
    assert.equal(readyEntries(f.store).length, 2);
    assert.equal(f.provider.created.length, 2);
  });

  it('claims atomically: two starts and one pooled cluster give one hit and one miss', async () => {
    const f = await fixture({ pool: '1:1', config: { maxLabs: 3 } });
    await f.service.reconcile();
    await until(() => readyEntries(f.store).length === 1, 'a pooled cluster');
    const pooled = readyEntries(f.store)[0]!.clusterName;
    const [a, b] = await Promise.all([
      f.service.start(await learner(f.store, 'a'), 'demo'),
      f.service.start(await learner(f.store, 'b'), 'demo'),
    ]);
    await until(
      () => [a.id, b.id].every((id) => f.store.labs.get(id)?.state === 'ready'),
      'both labs to be ready',
    );
    const labs = [a.id, b.id].map((id) => f.store.labs.get(id)!);
    assert.deepEqual(labs.map((l) => l.clusterSource).sort(), ['created', 'pool']);
    const hit = labs.find((l) => l.clusterSource === 'pool')!;
    const miss = labs.find((l) => l.clusterSource === 'created')!;
    assert.equal(hit.clusterName, pooled);
    assert.notEqual(miss.clusterName, pooled);
    assert.equal(
      f.provider.created.filter((n) => n === pooled).length,
      1,
      'the pooled cluster was made once',
    );
    assert.ok(f.scenarios.setups.includes(pooled), 'a plain pooled cluster still runs the scenario setup');
    assert.equal(f.service.view(hit).clusterSource, 'pool');
  });

  it('gives a pooled cluster to exactly one of two claims made at the same moment (store)', async () => {
    const store = await openStore(await tempDir());
    const labs = await Promise.all(
      ['a', 'b'].map(async (name) => store.labs.create((await learner(store, name)).id, 'demo')),
    );
    for (const lab of labs) await store.labs.update(lab.id, { state: 'provisioning' });
    const entry = await store.pool.add({ nodes: 1 });
    await store.pool.setState(entry.clusterName, 'ready');
    const claims = await Promise.all(
      labs.map((lab) => store.pool.claim(lab.id, { nodes: 1, scenarioId: 'demo' })),
    );
    assert.equal(claims.filter(Boolean).length, 1);
    const winner = claims.find(Boolean)!;
    assert.equal(store.labs.get(winner.lab.id)?.clusterName, entry.clusterName);
    assert.deepEqual(store.pool.list(), [], 'the claimed entry left the pool in the same write');
  });

  it('takes a pooled cluster only for a lab with the same node count', async () => {
    const f = await fixture({ pool: '1:1', config: { maxLabs: 3 } });
    await f.service.reconcile();
    await until(() => readyEntries(f.store).length === 1, 'a pooled 1-node cluster');
    const view = await f.service.start(await learner(f.store, 'a'), 'demo-two');
    await until(() => f.store.labs.get(view.id)?.state === 'ready', 'the 2-node lab');
    const lab = f.store.labs.get(view.id)!;
    assert.equal(lab.clusterSource, 'created');
    assert.equal(f.provider.createdNodes.get(lab.clusterName), 2);
  });

  it('makes a lab ready from a pre-staged cluster without loading images or running setup again', async () => {
    // maxLabs 1: once the lab holds the staged cluster the pool cannot refill, so every setup seen is counted
    const f = await fixture({ pool: 'demo:1', config: { maxLabs: 1 } });
    await f.service.reconcile();
    await until(() => readyEntries(f.store).length === 1, 'a staged pooled cluster');
    const staged = readyEntries(f.store)[0]!;
    assert.equal(staged.scenarioId, 'demo');
    assert.deepEqual(f.scenarios.setups, [staged.clusterName], 'setup ran while the cluster was pooled');
    assert.deepEqual(f.scenarios.preloads, [staged.clusterName]);

    const infos: string[] = [];
    f.service.events.subscribe((e) => {
      if (e.type === 'progress' && e.event.kind === 'info') infos.push(e.event.message);
    });
    const view = await f.service.start(await learner(f.store, 'a'), 'demo');
    await until(() => f.store.labs.get(view.id)?.state === 'ready', 'ready');
    const lab = f.store.labs.get(view.id)!;
    assert.equal(lab.clusterName, staged.clusterName);
    assert.equal(lab.clusterSource, 'staged');
    assert.deepEqual(f.scenarios.setups, [staged.clusterName], 'no second setup');
    assert.deepEqual(f.scenarios.preloads, [staged.clusterName], 'no second image load');
    assert.ok(infos.includes('Taking a ready cluster from the pool with this scenario already set up'));
    assert.equal(f.provider.created.length, 1);
  });

  it('reset swaps in a pooled cluster at once and deletes the old one in the background', async () => {
    const f = await fixture({ pool: '1:1', config: { maxLabs: 2 } });
    await f.service.reconcile();
    await until(() => readyEntries(f.store).length === 1, 'a pooled cluster');
    const view = await f.service.start(await learner(f.store, 'a'), 'demo');
    await until(
      () => f.store.labs.get(view.id)?.state === 'ready' && readyEntries(f.store).length === 1,
      'the lab ready and the pool refilled',
    );
    const first = f.store.labs.get(view.id)!.clusterName;
    const second = readyEntries(f.store)[0]!.clusterName;
    assert.notEqual(first, second);

    let openGate = (): void => undefined;
    f.provider.deleteGate = new Promise((resolve) => (openGate = resolve));
    await f.service.reset(view.id);
    assert.ok(f.provider.deleted.includes(first), 'the old cluster is being deleted');
    assert.ok(f.provider.clusters.has(first), 'reset did not wait for the delete');
    await until(() => f.store.labs.get(view.id)?.state === 'ready', 'ready again while the old one goes');
    const lab = f.store.labs.get(view.id)!;
    assert.equal(lab.clusterName, second);
    assert.equal(lab.clusterSource, 'pool');
    openGate();
    await until(() => !f.provider.clusters.has(first), 'the old cluster to be gone');
    assert.ok(
      !f.store.pool.list().some((e) => e.clusterName === first),
      'a used cluster never joins the pool',
    );
  });

  it('end deletes the cluster; nothing goes back to the pool', async () => {
    const f = await fixture({ pool: '1:1', config: { maxLabs: 2 } });
    await f.service.reconcile();
    await until(() => readyEntries(f.store).length === 1, 'a pooled cluster');
    const view = await f.service.start(await learner(f.store, 'a'), 'demo');
    await until(() => f.store.labs.get(view.id)?.state === 'ready', 'ready');
    const used = f.store.labs.get(view.id)!.clusterName;
    await f.service.end(view.id, 'test');
    assert.ok(!f.provider.clusters.has(used), 'end deleted the cluster before answering');
    await until(() => readyEntries(f.store).length === 1, 'the pool refilled');
    assert.notEqual(readyEntries(f.store)[0]!.clusterName, used);
    assert.equal(
      f.provider.created.filter((n) => n === used).length,
      1,
      'the used cluster was never made again',
    );
  });

  it('reconcile keeps ready wanted pooled clusters and drops half-made, vanished and unwanted ones', async () => {
    const store = await openStore(await tempDir());
    const add = async (nodes: 1 | 2, state: 'creating' | 'ready', scenarioId?: string) => {
      const entry = await store.pool.add({ nodes, scenarioId });
      if (state === 'ready') await store.pool.setState(entry.clusterName, 'ready');
      return entry.clusterName;
    };
    const kept = await add(1, 'ready');
    const extra = await add(1, 'ready'); // the spec wants one 1-node cluster, not two
    const halfMade = await add(1, 'creating');
    const vanished = await add(1, 'ready', 'demo');
    const unwanted = await add(2, 'ready');
    const provider = new FakeProvider();
    for (const name of [kept, extra, halfMade, unwanted, 'cks-zzzzzzzz', 'kind']) provider.clusters.add(name);

    const f = await fixture({ pool: '1:1,demo:1', store, provider });
    const report = await f.service.reconcile();
    assert.deepEqual(report.poolAdopted, [kept]);
    assert.deepEqual(new Set(report.poolDropped), new Set([extra, halfMade, vanished, unwanted]));
    assert.deepEqual(report.deletedUnknown, ['cks-zzzzzzzz']);
    assert.deepEqual(new Set(provider.deleted), new Set([extra, halfMade, unwanted, 'cks-zzzzzzzz']));
    assert.ok(provider.clusters.has(kept) && provider.clusters.has('kind'));
    await until(
      () => readyEntries(f.store).some((e) => e.scenarioId === 'demo'),
      'the refill to replace the staged entry',
    );
    assert.deepEqual(
      f.store.pool.list().map((e) => e.clusterName)[0],
      kept,
      'the adopted entry is still pooled',
    );
  });

  it('waits while a lab is being provisioned, then refills', async () => {
    const provider = new FakeProvider();
    provider.holdCreates = true;
    const f = await fixture({ pool: '1:1', provider });
    const view = await f.service.start(await learner(f.store, 'a'), 'demo');
    await until(() => provider.isWaiting(view.clusterName), 'the lab to create its own cluster');
    f.service.pool.start();
    await until(() => f.service.pool.status().holding === 'lab', 'the pool to hold back');
    assert.deepEqual(provider.created, [view.clusterName], 'no pool creation beside the lab');
    provider.release(view.clusterName);
    await until(() => provider.waitingNames().length === 1, 'the pool to create once the lab is ready');
    assert.equal(f.store.labs.get(view.id)?.state, 'ready');
  });

  it('backs off while the host is loaded and retries by itself', async () => {
    const f = await fixture({ pool: '1:1' });
    f.load.value = 10;
    await f.service.reconcile();
    await until(() => f.service.pool.status().holding === 'load', 'the pool to hold back');
    assert.equal(f.provider.created.length, 0);
    f.load.value = 0.5;
    await until(() => readyEntries(f.store).length === 1, 'the retry timer to fill the pool');
  });

  it('logs a failed pooled creation, drops it and retries after a back-off', async () => {
    const provider = new FakeProvider();
    provider.failCreate = new Error('kind create failed: no space left on device');
    const f = await fixture({
      pool: '1:1',
      provider,
      tuning: { failureBackoffMs: 30, failureBackoffMaxMs: 60 },
    });
    await f.service.reconcile();
    await until(() => provider.created.length >= 2, 'a retry');
    const [failed] = provider.created;
    assert.ok(provider.deleted.includes(failed ?? ''), 'the half-made cluster is deleted');
    assert.ok(!f.store.pool.list().some((e) => e.clusterName === failed), 'and leaves the pool');
    provider.failCreate = undefined;
    await until(() => readyEntries(f.store).length === 1, 'a pooled cluster once creating works again');
  });

  it('close() stops refilling and aborts the creation in flight', async () => {
    const provider = new FakeProvider();
    provider.holdCreates = true;
    const f = await fixture({ pool: '1:2', provider });
    await f.service.reconcile();
    await until(() => provider.waitingNames().length === 1, 'a pool creation');
    await f.service.close();
    assert.deepEqual(provider.waitingNames(), [], 'the creation was aborted');
    assert.equal(f.service.pool.status().creating, 0);
    f.service.pool.refill();
    await new Promise((resolve) => setTimeout(resolve, 50)); // a refill after close would start within this
    assert.equal(provider.created.length, 1, 'nothing is created after close');
    assert.equal(f.store.pool.list()[0]?.state, 'creating', 'left for the next start to reconcile');
  });
});
