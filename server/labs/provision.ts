import type { ProgressSink, Step } from '../progress.js';
import { runSteps } from '../progress.js';
import type { ClusterSource } from '../store/index.js';
import type { LabClusterProvider, ScenarioDetail, ScenarioEngine } from './deps.js';
import type { ClusterPool, LabCluster } from './pool.js';

export interface ProvisionContext {
  labId: string;
  /** The name a fresh cluster gets when the pool has none that fits (never used before). */
  clusterName: string;
  scenario: ScenarioDetail;
  provider: LabClusterProvider;
  scenarios: ScenarioEngine;
  pool: Pick<ClusterPool, 'claim' | 'makeRoom'>;
  /** Persists (and publishes) which cluster the lab got, before anything runs on it. */
  recordCluster: (cluster: LabCluster) => Promise<void>;
  signal: AbortSignal;
  timeoutMs: number;
  /** Set by the cluster step; the later steps work on this cluster. */
  cluster?: LabCluster;
}

/** What the browser shows as the cluster step's detail line. */
export const CLUSTER_SOURCE_MESSAGES: Record<ClusterSource, string> = {
  created: 'Creating your cluster',
  pool: 'Taking a ready cluster from the pool',
  staged: 'Taking a ready cluster from the pool with this scenario already set up',
};

function clusterOf(ctx: ProvisionContext): LabCluster {
  if (!ctx.cluster) throw new Error('internal: the cluster step has not run');
  return ctx.cluster;
}

/** A pre-staged pooled cluster had this scenario's images loaded and its setup run before the lab took it. */
const staged = (ctx: ProvisionContext): boolean => clusterOf(ctx).source === 'staged';

/** The browser's progress bar shows these names: cluster, images, setup (then the lab is ready). */
const PROVISION_STEPS: readonly Step<ProvisionContext>[] = [
  {
    name: 'cluster',
    async run(ctx, info) {
      const pooled = await ctx.pool.claim(ctx.labId, ctx.scenario);
      const cluster: LabCluster = pooled ?? { name: ctx.clusterName, source: 'created' };
      ctx.cluster = cluster;
      await ctx.recordCluster(cluster);
      info(CLUSTER_SOURCE_MESSAGES[cluster.source]);
      if (pooled) return;
      ctx.pool.makeRoom(ctx.labId);
      await ctx.provider.create(cluster.name, {
        nodes: ctx.scenario.nodes,
        timeoutMs: ctx.timeoutMs,
        signal: ctx.signal,
        progress: (event) => {
          if (event.kind === 'start') info(event.step);
          else if (event.kind === 'info') info(event.message);
        },
      });
    },
  },
  {
    name: 'images',
    run: (ctx, info) =>
      staged(ctx)
        ? Promise.resolve(info('already loaded into the pooled cluster'))
        : ctx.scenarios.preloadImages(clusterOf(ctx).name, ctx.scenario.id, info, ctx.signal),
  },
  {
    name: 'setup',
    run: (ctx, info) =>
      staged(ctx)
        ? Promise.resolve(info('already set up in the pooled cluster'))
        : ctx.scenarios.setup(clusterOf(ctx).name, ctx.scenario.id, info, ctx.signal),
  },
];

/**
 * A cancelled run (the lab was ended or reset) stops before its next step even when the step in progress did not
 * notice the signal, so nothing more is made that the canceller would not know to clean up.
 */
const STOPPABLE_STEPS: readonly Step<ProvisionContext>[] = PROVISION_STEPS.map((step) => ({
  name: step.name,
  run: (ctx, info) => {
    ctx.signal.throwIfAborted();
    return step.run(ctx, info);
  },
}));

/** Cluster (from the pool, or fresh) → preloaded images → scenario setup, each step reported to the sink. */
export function provisionLab(ctx: ProvisionContext, sink: ProgressSink): Promise<void> {
  return runSteps(STOPPABLE_STEPS, ctx, sink);
}
