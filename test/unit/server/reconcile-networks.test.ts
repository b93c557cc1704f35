import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_LAB_CONFIG } from '../../../server/labs/config.js';
import { reconcileLabs, UNKNOWN_NETWORK_MIN_AGE_MS } from '../../../server/labs/reconcile.js';
import { LabService } from '../../../server/labs/service.js';
import { POOL_OFF } from '../../../server/labs/pool-spec.js';
import { openStore, type Store } from '../../../server/store/index.js';
import { FakeProvider, FakeScenarios } from './fakes.js';
import { quietLogger, tempDir, until } from './harness.js';

const HOUR = 3_600_000;

async function labIn(store: Store, name: string, state: 'ready' | 'ended' | 'requested') {
  const learner = await store.learners.create({ name, role: 'learner', origin: 'workshop' });
  const lab = await store.labs.create(learner.id, 'demo');
  return (await store.labs.update(lab.id, { state })) ?? lab;
}

// A server stopped while a lab was ending leaves that lab's Docker network without containers. Nothing else ever
// removes it, and each one holds an address range: enough of them and Docker cannot give a new lab a network.
describe('reconcile removes the networks crashed deletes left behind', () => {
  it("removes ended and vanished labs' networks, keeps live ones and never touches networks it did not make", async () => {
    const store = await openStore(await tempDir());
    const provider = new FakeProvider();
    const now = Date.now();
    const old = new Date(now - HOUR);

    const ended = await labIn(store, 'ended', 'ended'); // the crash came mid-delete: only the network is left
    provider.networks.set(ended.clusterName, old);
    const vanished = await labIn(store, 'vanished', 'ready'); // containers gone with the Docker engine's restart
    provider.networks.set(vanished.clusterName, old);
    const queued = await labIn(store, 'queued', 'requested'); // its provisioning was cut before any node existed
    provider.networks.set(queued.clusterName, new Date(now));
    const running = await labIn(store, 'running', 'ready');
    provider.clusters.add(running.clusterName);
    provider.networks.set(running.clusterName, old); // has its nodes: not a leftover
    provider.networks.set('cks-oldunkwn', old); // lab-shaped, no store knows it, long idle
    provider.networks.set('cks-newunkwn', new Date(now - 60_000)); // maybe another server's create right now
    provider.networks.set('mycluster', old); // `cks-lab cluster create mycluster`: the user's, not the server's

    const report = await reconcileLabs(store, provider, quietLogger, POOL_OFF, { now: () => now });

    assert.deepEqual(report.endedMissing, [vanished.id]);
    assert.deepEqual(
      report.networksRemoved.sort(),
      [ended.clusterName, vanished.clusterName, queued.clusterName, 'cks-oldunkwn']
        .map((cluster) => `kind-${cluster}`)
        .sort(),
    );
    assert.deepEqual(
      [...provider.networks.keys()].sort(),
      ['cks-newunkwn', running.clusterName, 'mycluster'].sort(),
    );
    assert.ok(provider.clusters.has(running.clusterName), 'the running lab keeps its cluster');
    assert.ok(UNKNOWN_NETWORK_MIN_AGE_MS > 60_000, 'the young unknown network is inside the guard');
  });

  it("removes an ended exam's leftover cluster networks, keeps a running exam's and unknown cks-…-N ones", async () => {
    const store = await openStore(await tempDir());
    const provider = new FakeProvider();
    const now = Date.now();
    const old = new Date(now - HOUR);
    const examOf = async (name: string, state: 'ready' | 'ended') => {
      const learner = await store.learners.create({ name, role: 'learner', origin: 'workshop' });
      const lab = await store.labs.createExam(learner.id, 'exam:A', (cluster) => ({
        setId: 'A',
        title: 'A',
        clusters: [cluster, `${cluster}-2`],
        minutes: 120,
        practice: false,
        flagged: [],
        notes: '',
      }));
      return (await store.labs.update(lab.id, { state })) ?? lab;
    };
    const ended = await examOf('ended', 'ended');
    provider.networks.set(`${ended.clusterName}-2`, old); // a delete cut short left cluster 2's network
    const running = await examOf('running', 'ready');
    for (const name of running.exam?.clusters ?? []) {
      provider.clusters.add(name);
      provider.networks.set(name, old);
    }
    provider.networks.set('cks-abcdefgh-2', old); // exam-shaped, but no exam of this store

    const report = await reconcileLabs(store, provider, quietLogger, POOL_OFF, { now: () => now });

    assert.deepEqual(report.networksRemoved, [`kind-${ended.clusterName}-2`]);
    assert.deepEqual(
      [...provider.networks.keys()].sort(),
      [...(running.exam?.clusters ?? []), 'cks-abcdefgh-2'].sort(),
    );
  });

  it('lets a lab whose provisioning a crash cut short start again on its old cluster name', async () => {
    const dir = await tempDir();
    const first = await openStore(dir);
    const queued = await labIn(first, 'a', 'requested');
    await first.labs.update(queued.id, { state: 'provisioning' });
    const provider = new FakeProvider();
    provider.networks.set(queued.clusterName, new Date()); // made seconds before the crash: no nodes yet
    // a create over a leftover network fails in kind ("network already exists"): the fake does the same
    const create = provider.create.bind(provider);
    provider.create = (name, options) =>
      provider.networks.has(name)
        ? Promise.reject(new Error(`Docker network kind-${name} already exists`))
        : create(name, options);
    const store = await openStore(dir); // the restarted server's
    const service = new LabService({
      store,
      provider,
      scenarios: new FakeScenarios(),
      config: DEFAULT_LAB_CONFIG,
      logger: quietLogger,
    });
    try {
      const report = await service.reconcile();
      assert.deepEqual(report.requeued, [queued.id]);
      assert.deepEqual(report.networksRemoved, [`kind-${queued.clusterName}`]);
      await until(() => store.labs.get(queued.id)?.state === 'ready', 'the lab to start on its old name');
    } finally {
      await service.close();
    }
  });
});
