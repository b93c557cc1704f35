// Issue 7 item 1 on real kind clusters, through a real LabService with the real scenario engine: the warm pool fills
// one 1-node cluster, a kubesec-fix lab takes it, reset swaps in the refill and deletes the used one, and a restarted
// service adopts the pooled cluster and deletes a lab-shaped one nobody owns. Three clusters in all, created one at
// a time. Prints FIGURE lines for the report.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { KindClusterProvider } from '../../server/clusters/kind/index.js';
import { DEFAULT_LAB_CONFIG } from '../../server/labs/config.js';
import type { LabClusterProvider } from '../../server/labs/deps.js';
import { parsePoolSpec } from '../../server/labs/pool-spec.js';
import { createScenarioEngine } from '../../server/labs/scenario-engine.js';
import { LabService } from '../../server/labs/service.js';
import { createLogger } from '../../server/log.js';
import { openStore, type Store } from '../../server/store/index.js';
import { tempDir, until } from '../unit/server/harness.js';
import { clusterTier, figure } from './support.js';

const tier = await clusterTier();
const SCENARIO = 'kubesec-fix'; // 1 node, only busybox, a short setup
const PROVISION_MS = 15 * 60_000;
const DELETE_MS = 3 * 60_000;

interface ScopedProvider extends LabClusterProvider {
  /** Every cluster this test asked for, for the cleanup. */
  readonly made: Set<string>;
}

/**
 * The real provider with this checkout's node image, seen through a filter: the test's reconcile only sees (and so
 * may only delete) clusters this test made, never another run's lab clusters on a shared Docker engine.
 */
function scopedProvider(real: KindClusterProvider, image: string): ScopedProvider {
  const made = new Set<string>();
  return {
    made,
    create: (name, options) => {
      made.add(name);
      return real.create(name, { ...options, image });
    },
    delete: (name) => real.delete(name),
    list: async () => (await real.list()).filter((name) => made.has(name)),
    leftoverNetworks: async () =>
      (await real.leftoverNetworks()).filter((network) => made.has(network.cluster)),
    nodes: (name) => real.nodes(name),
    openShell: (cluster, node, options) => real.openShell(cluster, node, options),
    exec: (cluster, node, argv, options) => real.exec(cluster, node, argv, options),
  };
}

const seconds = (since: number): string => ((Date.now() - since) / 1000).toFixed(1);

describe(
  'warm cluster pool on real kind clusters',
  { skip: tier ? false : 'cluster tier unavailable' },
  () => {
    const logger = createLogger('lab-pool-test');
    logger.level = 'warn';
    const services: LabService[] = [];
    let provider: ScopedProvider;
    let dataDir: string;
    let store: Store;
    let service: LabService;
    let labId = '';
    let firstPooled = '';
    let secondPooled = '';

    const newService = (s: Store): LabService => {
      const created = new LabService({
        store: s,
        provider,
        scenarios: createScenarioEngine({
          provider: tier!.provider,
          scenariosDir: fileURLToPath(new URL('../../scenarios', import.meta.url)),
          logger,
        }),
        config: { ...DEFAULT_LAB_CONFIG, maxLabs: 2, provisionTimeoutMs: PROVISION_MS },
        logger,
        // the load average of a shared 2-core test host is often above the limit; backing off is unit-tested
        pool: {
          spec: parsePoolSpec('1:1', 'test'),
          tuning: { createTimeoutMs: PROVISION_MS },
          loadAverage: () => 0,
        },
      });
      services.push(created);
      return created;
    };
    const readyPooled = (): string[] =>
      store.pool
        .list()
        .filter((e) => e.state === 'ready')
        .map((e) => e.clusterName);
    const labState = () => store.labs.get(labId)?.state;

    before(async () => {
      provider = scopedProvider(tier!.provider, tier!.image);
      dataDir = await tempDir('lab-pool-');
      store = await openStore(dataDir);
      service = newService(store);
    });

    after(async () => {
      await Promise.all(services.map((s) => s.close()));
      for (const name of provider?.made ?? []) await tier?.provider.delete(name);
    });

    it('fills the pool with one ready 1-node cluster', async () => {
      const started = Date.now();
      await service.reconcile();
      await until(() => readyPooled().length === 1, 'a ready pooled cluster', PROVISION_MS, 1000);
      figure('pool_fill_seconds', seconds(started));
      [firstPooled = ''] = readyPooled();
      assert.match(firstPooled, /^cks-[a-z0-9]{8}$/);
      assert.deepEqual(await provider.list(), [firstPooled]);
      assert.equal((await provider.nodes(firstPooled)).length, 1);
    });

    it('starts a 1-node lab on the pooled cluster: only the scenario images and setup run', async () => {
      const learner = await store.learners.create({ name: 'pool', role: 'learner', origin: 'workshop' });
      const started = Date.now();
      labId = (await service.start(learner, SCENARIO)).id;
      await until(() => labState() === 'ready' || labState() === 'failed', 'the lab', PROVISION_MS, 200);
      figure('pool_hit_ready_seconds', seconds(started));
      const lab = store.labs.get(labId)!;
      assert.equal(lab.state, 'ready', lab.reason);
      assert.equal(lab.clusterName, firstPooled, 'the lab runs on the pooled cluster');
      assert.equal(lab.clusterSource, 'pool');
      const attempt = await service.check(labId);
      assert.equal(attempt.passed, false, 'the scenario was set up: its unsolved tasks fail');
    });

    it('reset swaps in the refilled pooled cluster and deletes the used one in the background', async () => {
      await until(() => readyPooled().length === 1, 'the pool to refill', PROVISION_MS, 1000);
      [secondPooled = ''] = readyPooled();
      assert.notEqual(secondPooled, firstPooled);
      const started = Date.now();
      await service.reset(labId);
      await until(
        () => labState() === 'ready' || labState() === 'failed',
        'the reset lab',
        PROVISION_MS,
        200,
      );
      figure('pool_reset_ready_seconds', seconds(started));
      assert.equal(store.labs.get(labId)?.clusterName, secondPooled);
      const deleting = Date.now();
      await until(
        async () => !(await provider.list()).includes(firstPooled),
        `the used cluster ${firstPooled} to be deleted`,
        DELETE_MS,
        2000,
      );
      figure('pool_reset_old_cluster_gone_seconds', seconds(deleting));
    });

    it('after a restart adopts the pooled cluster and deletes a lab cluster nobody owns', async () => {
      await until(() => readyPooled().length === 1, 'the pool to refill again', PROVISION_MS, 1000);
      const [thirdPooled = ''] = readyPooled();
      await service.close();
      // as if the server died between End's store update and its delete: the lab's cluster is owned by nobody now
      await store.labs.update(labId, { state: 'ended', endedAt: new Date().toISOString() });

      const reopened = await openStore(dataDir);
      store = reopened;
      const restarted = newService(reopened);
      const report = await restarted.reconcile();
      assert.deepEqual(report.poolAdopted, [thirdPooled]);
      assert.deepEqual(report.deletedUnknown, [secondPooled]);
      assert.deepEqual(await provider.list(), [thirdPooled]);
      assert.deepEqual(restarted.pool.status(), { creating: 0, ready: 1, holding: null });
      assert.equal(provider.made.size, 3, 'a full pool creates nothing more');
    });
  },
);
