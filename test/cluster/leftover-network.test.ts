import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  CKS_LAB_CLUSTER_LABEL,
  createNetwork,
  networkExists,
  removeContainers,
  removeNetwork,
} from '../../server/clusters/kind/docker.js';
import type { KindClusterProvider } from '../../server/clusters/kind/index.js';
import { networkName } from '../../server/clusters/kind/names.js';
import { run } from '../../server/exec/run.js';
import { labBridgeName } from '../../server/host-firewall/bridge.js';
import type { LabClusterProvider } from '../../server/labs/deps.js';
import { POOL_OFF } from '../../server/labs/pool-spec.js';
import { reconcileLabs } from '../../server/labs/reconcile.js';
import { createLogger } from '../../server/log.js';
import { openStore } from '../../server/store/index.js';
import { tempDir } from '../unit/server/harness.js';
import { clusterTier } from './support.js';

const tier = await clusterTier();

/** cks-<8 of a-z0-9>: the shape of the server's lab clusters, unique to this run. */
function labShapedName(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return `cks-${[...randomBytes(8)].map((byte) => alphabet[byte % alphabet.length]).join('')}`;
}

/**
 * The real provider seen through a filter: reconcile sees (and may delete) only what this test made, never the
 * clusters and networks of other runs on the shared Docker engine.
 */
function scopedProvider(real: KindClusterProvider, mine: ReadonlySet<string>): LabClusterProvider {
  return {
    create: () => Promise.reject(new Error('this test creates no cluster')),
    delete: (name) =>
      mine.has(name) ? real.delete(name) : Promise.reject(new Error(`not this test's cluster: ${name}`)),
    list: async () => (await real.list()).filter((name) => mine.has(name)),
    leftoverNetworks: async () =>
      (await real.leftoverNetworks()).filter((network) => mine.has(network.cluster)),
    nodes: (name) => real.nodes(name),
    openShell: (cluster, node, options) => real.openShell(cluster, node, options),
    exec: (cluster, node, argv, options) => real.exec(cluster, node, argv, options),
  };
}

// A server stopped while a lab was ending leaves the lab's network and nothing else; every such network holds one
// of Docker's address pools until no new lab can get a network. Reconcile must remove it, and only it.
describe(
  'reconcile and leftover Docker networks',
  { skip: tier ? false : 'cluster tier unavailable' },
  () => {
    const leftover = labShapedName(); // a lab that ended; its delete stopped after the nodes were gone
    const occupied = labShapedName(); // labelled as ours, but a (stopped) container is still attached
    const foreign = labShapedName(); // a kind-<name> network cks-lab did not label: someone else's
    const containers: string[] = [];

    before(async () => {
      // exactly what create-cluster makes before the nodes: the same helper, the same label
      for (const [name, labels] of [
        [leftover, { [CKS_LAB_CLUSTER_LABEL]: leftover }],
        [occupied, { [CKS_LAB_CLUSTER_LABEL]: occupied }],
        [foreign, { 'io.example.owner': 'someone-else' }],
      ] as const) {
        await createNetwork(networkName(name), labels, labBridgeName(name));
      }
      const container = `${occupied}-control-plane`;
      // created, never started: `docker network inspect` would show no container on the network
      await run(
        [
          'docker',
          'create',
          '--name',
          container,
          '--network',
          networkName(occupied),
          '--',
          tier!.image,
          'true',
        ],
        { timeoutMs: 60_000 },
      );
      containers.push(container);
    });

    after(async () => {
      await removeContainers(containers);
      for (const name of [leftover, occupied, foreign]) await removeNetwork(networkName(name));
    });

    it('lists only networks cks-lab made that no container uses, stopped ones included', async () => {
      const clusters = (await tier!.provider.leftoverNetworks()).map((network) => network.cluster);
      assert.ok(clusters.includes(leftover), `${leftover} is listed`);
      assert.equal(clusters.includes(occupied), false, 'a stopped container still uses its network');
      assert.equal(clusters.includes(foreign), false, 'a network cks-lab did not label is not ours');
    });

    it('removes the leftover network of an ended lab on start, and nothing else', async () => {
      const store = await openStore(await tempDir());
      const learner = await store.learners.create({ name: 'a', role: 'learner', origin: 'workshop' });
      const lab = await store.labs.create(learner.id, 'kubesec-fix');
      await store.labs.update(lab.id, { clusterName: leftover, state: 'ended' });
      const logger = createLogger('leftover-network-test');
      logger.level = 'warn';

      const report = await reconcileLabs(
        store,
        scopedProvider(tier!.provider, new Set([leftover, occupied, foreign])),
        logger,
        POOL_OFF,
      );

      assert.deepEqual(report.networksRemoved, [networkName(leftover)]);
      assert.equal(await networkExists(networkName(leftover)), false, 'the leftover network is gone');
      assert.equal(await networkExists(networkName(occupied)), true, 'a network in use stays');
      assert.equal(await networkExists(networkName(foreign)), true, "someone else's network stays");
    });
  },
);
