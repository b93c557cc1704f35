import type { ProgressSink, Step } from '../progress.js';
import { runSteps } from '../progress.js';
import type { LabClusterProvider, ScenarioDetail, ScenarioEngine } from './deps.js';

export interface ProvisionContext {
  clusterName: string;
  scenario: ScenarioDetail;
  provider: LabClusterProvider;
  scenarios: ScenarioEngine;
  signal: AbortSignal;
  timeoutMs: number;
}

/** The browser's progress bar shows these names: cluster, images, setup (then the lab is ready). */
const PROVISION_STEPS: readonly Step<ProvisionContext>[] = [
  {
    name: 'cluster',
    async run(ctx, info) {
      // a run interrupted by a restart may have left a half-made cluster under this name
      await ctx.provider.delete(ctx.clusterName);
      await ctx.provider.create(ctx.clusterName, {
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
    run: (ctx, info) => ctx.scenarios.preloadImages(ctx.clusterName, ctx.scenario.id, info, ctx.signal),
  },
  {
    name: 'setup',
    run: (ctx, info) => ctx.scenarios.setup(ctx.clusterName, ctx.scenario.id, info, ctx.signal),
  },
];

/** Fresh cluster → preloaded images → scenario setup, each step reported to the sink. */
export function provisionLab(ctx: ProvisionContext, sink: ProgressSink): Promise<void> {
  return runSteps(PROVISION_STEPS, ctx, sink);
}
