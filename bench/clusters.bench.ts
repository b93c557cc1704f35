// Fresh clusters: plain `kind create cluster --wait` with the same node image and shape vs cks-lab's create
// (nodes Ready, CoreDNS Ready, exam host names, ssh hop, limits), for 1 and 2 nodes, alternating so both see the
// same machine. Prints a table with the ratio and where our time goes, and writes test-results/bench/clusters.json.
//   npm run bench -- --only clusters [--runs 2]
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { nodeImageTag } from '../infra/node-image/tag.js';
import { run } from '../server/exec/run.js';
import { createKindProvider } from '../server/clusters/kind/index.js';
import { renderKindConfig } from '../server/clusters/kind/kind-config.js';
import { withTempDir } from '../server/clusters/kind/temp-dir.js';
import type { ProgressEvent } from '../server/progress.js';
import { median, report, spread, type Figure } from './support/figures.js';
import { benchSelected, skipUnlessClusters } from './support/select.js';

if (!benchSelected('clusters')) process.exit(0);
const { values } = parseArgs({ options: { runs: { type: 'string', default: '2' } }, strict: false });
const runs = Number(values.runs);
const image = await nodeImageTag();
const kind = await skipUnlessClusters('clusters', image);
const provider = createKindProvider();

async function plainKind(nodes: 1 | 2): Promise<number> {
  const name = `cks-bp-${randomBytes(3).toString('hex')}`;
  const started = Date.now();
  try {
    await withTempDir('cks-lab-bench-', (dir) =>
      run(
        [
          kind,
          'create',
          'cluster',
          '--name',
          name,
          '--image',
          image,
          '--config',
          '-',
          '--wait',
          '10m',
        ].concat(['--kubeconfig', join(dir, 'kubeconfig')]),
        { input: renderKindConfig({ nodes }), timeoutMs: 15 * 60_000 },
      ),
    );
    return (Date.now() - started) / 1000;
  } finally {
    await provider.delete(name);
  }
}

async function ours(nodes: 1 | 2, steps: Map<string, number[]>): Promise<number> {
  const name = `cks-bo-${randomBytes(3).toString('hex')}`;
  const started = Date.now();
  const progress = (event: ProgressEvent) => {
    if (event.kind !== 'end') return;
    const list = steps.get(event.step) ?? [];
    list.push(event.durationMs / 1000);
    steps.set(event.step, list);
  };
  try {
    await provider.create(name, { nodes, image, progress });
    return (Date.now() - started) / 1000;
  } finally {
    await provider.delete(name);
  }
}

const figures: Figure[] = [];
for (const nodes of [1, 2] as const) {
  const plain: number[] = [];
  const mine: number[] = [];
  const steps = new Map<string, number[]>();
  for (let i = 0; i < runs; i += 1) {
    process.stderr.write(`${nodes}-node run ${i + 1}/${runs}: plain kind …\n`);
    plain.push(await plainKind(nodes));
    process.stderr.write(`${nodes}-node run ${i + 1}/${runs}: cks-lab create …\n`);
    mine.push(await ours(nodes, steps));
  }
  figures.push(
    {
      name: `plain kind create --wait, ${nodes} node(s)`,
      value: median(plain),
      unit: 's',
      detail: spread(plain, 's'),
    },
    {
      name: `cks-lab fresh cluster, ${nodes} node(s)`,
      value: median(mine),
      unit: 's',
      detail: spread(mine, 's'),
    },
    {
      name: `fresh / plain kind, ${nodes} node(s)`,
      value: median(mine) / median(plain),
      unit: 'ratio',
      detail: 'target ≤ 0.5',
    },
    ...[...steps].map(([step, samples]) => ({
      name: `  step: ${step} (${nodes} node(s))`,
      value: median(samples),
      unit: 's' as const,
      detail: spread(samples, 's'),
    })),
  );
}
await report('clusters', figures);
