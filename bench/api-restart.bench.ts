// API server restarts after a manifest edit (what every control-plane scenario and its proof waits for): the edit
// until the new API server answers /readyz, with the --shutdown-send-retry-after flag cks-lab gives every cluster
// on the old API server vs without it (upstream kubeadm's default), on one fresh 1-node cluster.
//   npm run bench -- --only api-restart [--runs 2]
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { nodeImageTag } from '../infra/node-image/tag.js';
import { createKindProvider } from '../server/clusters/kind/index.js';
import { median, report, spread } from './support/figures.js';
import { benchSelected, skipUnlessClusters } from './support/select.js';

if (!benchSelected('api-restart')) process.exit(0);
const { values } = parseArgs({ options: { runs: { type: 'string', default: '2' } }, strict: false });
const runs = Number(values.runs);
const image = await nodeImageTag();
await skipUnlessClusters('api-restart', image);
const provider = createKindProvider();

const MANIFEST = '/etc/kubernetes/manifests/kube-apiserver.yaml';
const QUICK = '--shutdown-send-retry-after=true';

/**
 * Runs on the node: applies a sed expression to the manifest, waits until the old API server container is gone
 * and a new one answers /readyz (deadline 240 s), and prints the seconds that took.
 */
const RESTART = `set -euo pipefail
old=$(crictl ps -q --name kube-apiserver)
start=$(date +%s%N)
sed -i "$1" ${MANIFEST}
deadline=$((SECONDS + 240))
until [ -n "$(crictl ps -q --name kube-apiserver)" ] && ! crictl ps -q --name kube-apiserver | grep -q "$old" &&
  kubectl --kubeconfig /etc/kubernetes/admin.conf get --raw /readyz >/dev/null 2>&1; do
  if ((SECONDS > deadline)); then echo "the API server did not come back within 240 s" >&2; exit 1; fi
  sleep 0.2
done
echo $((($(date +%s%N) - start) / 1000000))`;

async function restart(cluster: string, node: string, sedExpression: string): Promise<number> {
  const result = await provider.exec(cluster, node, ['bash', '-c', RESTART, 'restart', sedExpression], {
    timeoutMs: 300_000,
    maxOutputBytes: 4096,
  });
  return Number(result.stdout.trim()) / 1000;
}

const addProfilingFlag = `s|^    - ${QUICK}$|&\\n    - --profiling=false|`;
const removeProfilingFlag = '/^    - --profiling=false$/d';
const removeQuick = `/^    - ${QUICK}$/d`;
const addQuick = `s|^    - --secure-port=6443$|&\\n    - ${QUICK}|`;

const quick: number[] = [];
const slow: number[] = [];
const name = `cks-ba-${randomBytes(3).toString('hex')}`;
try {
  process.stderr.write('creating a 1-node cluster …\n');
  const info = await provider.create(name, { nodes: 1, image });
  const node = info.nodes[0]?.name;
  if (!node) throw new Error('the cluster has no node');
  for (let i = 0; i < runs; i += 1) {
    process.stderr.write(`run ${i + 1}/${runs}: restarts with the flag on the old API server …\n`);
    quick.push(await restart(name, node, addProfilingFlag));
    quick.push(await restart(name, node, removeProfilingFlag));
    process.stderr.write(`run ${i + 1}/${runs}: a restart without it …\n`);
    await restart(name, node, removeQuick); // the old one still had the flag: not measured
    slow.push(await restart(name, node, addQuick));
  }
} finally {
  await provider.delete(name);
}
await report('api-restart', [
  {
    name: 'manifest edit → new API server ready, with --shutdown-send-retry-after',
    value: median(quick),
    unit: 's',
    detail: spread(quick, 's'),
  },
  {
    name: 'manifest edit → new API server ready, kubeadm default',
    value: median(slow),
    unit: 's',
    detail: spread(slow, 's'),
  },
  {
    name: 'with / without the flag',
    value: median(quick) / median(slow),
    unit: 'ratio',
    detail: 'target ≤ 0.6',
  },
]);
