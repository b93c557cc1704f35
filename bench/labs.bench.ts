// Labs as a learner feels them, measured in one run on this machine through a real `cks-lab serve` (HTTP +
// socket.io, as the browser): Start → shell prompt with setup done from a pool hit, from a pre-staged entry and
// without a pool; Reset with a pool; keystroke echo p50/p95 over loopback; Ctrl-C during a `yes` flood; and N idle
// 1-node labs at once (host memory, node memory, load, echo while they run). Writes test-results/bench/labs.json.
//   npm run bench -- --only labs [--idle-labs 10]
import { randomBytes } from 'node:crypto';
import { freemem, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { nodeImageTag } from '../infra/node-image/tag.js';
import { createKindProvider } from '../server/clusters/kind/index.js';
import { memoryUsage } from '../server/clusters/kind/docker.js';
import { loadCatalog } from '../server/scenarios/loader.js';
import { freePort, startServerProcess, tempDataDir, type ServerProcess } from '../test/e2e/server-process.js';
import { median, quantile, report, spread, type Figure } from './support/figures.js';
import { BenchLearner, PROMPT, type LabSocket } from './support/learner.js';
import { benchSelected, skipUnlessClusters } from './support/select.js';

if (!benchSelected('labs')) process.exit(0);
const { values } = parseArgs({ options: { 'idle-labs': { type: 'string', default: '10' } }, strict: false });
const idleLabs = Number(values['idle-labs']);
const image = await nodeImageTag();
await skipUnlessClusters('labs', image);
const provider = createKindProvider();
const { scenarios } = await loadCatalog();
const PROVISION_MS = 10 * 60_000;
const STAGED = 'kubesec-fix';
const figures: Figure[] = [];
const MiB = 1024 * 1024;

const servers: ServerProcess[] = [];
const extraClusters: string[] = [];
const clustersBefore = new Set(await provider.list());
/** Stops the servers and deletes every cluster that appeared during the bench (labs, pool, idle ones). */
async function cleanUp(): Promise<void> {
  for (const server of servers) await server.stop().catch(() => undefined);
  const leftovers = (await provider.list()).filter((name) => !clustersBefore.has(name));
  for (const name of leftovers) {
    await provider.delete(name).catch((error: unknown) => {
      process.stderr.write(`could not delete ${name}: ${String(error)}\n`);
    });
  }
}

async function serve(env: Record<string, string>): Promise<{ server: ServerProcess; learner: BenchLearner }> {
  const server = await startServerProcess({ dataDir: await tempDataDir(), port: await freePort(), env });
  servers.push(server);
  return { server, learner: await BenchLearner.signIn(server.openUrl) };
}

/** Resolves once the server has logged `count` "pooled cluster ready" lines (its pool refilled that often). */
async function poolReadyCount(server: ServerProcess, count: number, timeoutMs = PROVISION_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const ready = () => server.output().split('pooled cluster ready').length - 1;
  while (ready() < count) {
    if (Date.now() > deadline)
      throw new Error(`the pool did not become ready ${count} times:\n${server.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Start → lab ready → terminal attached → prompt: seconds, and where the cluster came from. */
async function startToPrompt(
  learner: BenchLearner,
  scenarioId: string,
): Promise<{ seconds: number; source: string; labId: string; socket: LabSocket }> {
  const started = performance.now();
  const lab = await learner.start(scenarioId);
  const socket = await learner.connect(lab.id);
  const ready = await socket.waitReady(PROVISION_MS);
  await socket.attach(60_000);
  return {
    seconds: (performance.now() - started) / 1000,
    source: ready.clusterSource ?? 'unknown',
    labId: lab.id,
    socket,
  };
}

async function echoLatencies(socket: LabSocket, samples: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < samples; i += 1) {
    const marker = String.fromCharCode(97 + (i % 26));
    times.push(await socket.roundTrip(marker, marker));
    await socket.roundTrip('\x7f', '\b'); // erase it again so the line stays short
  }
  return times;
}

async function ctrlCDuringFlood(socket: LabSocket): Promise<number> {
  await socket.roundTrip('yes\r', /(?:y[^y]{0,16}){50}/); // the flood is on screen
  await new Promise((resolve) => setTimeout(resolve, 2000)); // let the flood run
  return socket.roundTrip('\x03', new RegExp(`\\^C[\\s\\S]*${PROMPT.source}`));
}

try {
  // 1. with a warm pool: one plain 1-node entry and one pre-staged for kubesec-fix
  const pooled = await serve({ CKS_LAB_POOL: `1:1,${STAGED}:1`, CKS_LAB_MAX_LABS: '3' });
  let readyCount = 2;
  await poolReadyCount(pooled.server, readyCount);
  const poolHits: number[] = [];
  const stagedHit = await startToPrompt(pooled.learner, STAGED);
  figures.push({
    name: `pre-staged pool hit → prompt (${STAGED})`,
    value: stagedHit.seconds,
    unit: 's',
    detail: `cluster from ${stagedHit.source}; target ≤ 1 s`,
  });
  await pooled.learner.end(stagedHit.labId);
  stagedHit.socket.close();
  readyCount += 1;
  for (const scenario of scenarios.filter((s) => s.spec.nodes === 1)) {
    await poolReadyCount(pooled.server, readyCount); // the 1-node entry is back
    const hit = await startToPrompt(pooled.learner, scenario.id);
    // the staged entry is refilled for kubesec-fix; every other scenario takes the plain one
    if (hit.source === 'created') throw new Error(`${scenario.id} missed the pool`);
    poolHits.push(hit.seconds);
    figures.push({
      name: `  pool hit → prompt, setup done (${scenario.id})`,
      value: hit.seconds,
      unit: 's',
      detail: `cluster from ${hit.source}`,
    });
    const last = scenario === scenarios.filter((s) => s.spec.nodes === 1).at(-1);
    if (!last) {
      await pooled.learner.end(hit.labId);
      hit.socket.close();
      readyCount += 1;
      continue;
    }
    // the last lab stays: reset it with a pool, then measure its terminal
    await poolReadyCount(pooled.server, readyCount + 1);
    const resetStarted = performance.now();
    await pooled.learner.reset(hit.labId);
    await hit.socket.waitReady(PROVISION_MS).catch(() => undefined);
    const again = await pooled.learner.connect(hit.labId);
    await again.waitReady(PROVISION_MS);
    await again.attach(60_000);
    figures.push({
      name: 'reset → prompt with a pool',
      value: (performance.now() - resetStarted) / 1000,
      unit: 's',
      detail: `${scenario.id}; target ≤ 10 s`,
    });
    hit.socket.close();
    const echo = await echoLatencies(again, 60);
    figures.push(
      { name: 'keystroke echo p50', value: quantile(echo, 0.5), unit: 'ms', detail: spread(echo, 'ms', 0) },
      { name: 'keystroke echo p95', value: quantile(echo, 0.95), unit: 'ms', detail: 'target ≤ 50 ms' },
      { name: 'Ctrl-C during a yes flood → prompt', value: await ctrlCDuringFlood(again), unit: 'ms' },
    );
    again.close();
    await pooled.learner.end(hit.labId);
  }
  figures.splice(1, 0, {
    name: 'pool hit → prompt, setup done (p95 over the catalog)',
    value: quantile(poolHits, 0.95),
    unit: 's',
    detail: `${spread(poolHits, 's')}; target ≤ 5 s`,
  });
  await pooled.server.stop();

  // 2. without a pool: the lab creates its own cluster; then N idle 1-node labs at once
  const bare = await serve({ CKS_LAB_POOL: 'off', CKS_LAB_MAX_LABS: String(idleLabs + 1) });
  const memBefore = totalmem() - freemem();
  const miss = await startToPrompt(bare.learner, STAGED);
  figures.push({
    name: `no pool: start → prompt, setup done (${STAGED})`,
    value: miss.seconds,
    unit: 's',
    detail: `cluster ${miss.source}`,
  });
  figures.push({
    name: 'pool hit / no pool (median hit)',
    value: median(poolHits) / miss.seconds,
    unit: 'ratio',
  });
  const echoOne = await echoLatencies(miss.socket, 40);
  for (let i = 1; i < idleLabs; i += 1) {
    const name = `cks-bi-${randomBytes(3).toString('hex')}`;
    process.stderr.write(`idle lab ${i + 1}/${idleLabs}: ${name}\n`);
    extraClusters.push(name);
    await provider.create(name, { nodes: 1, image });
  }
  await new Promise((resolve) => setTimeout(resolve, 30_000)); // settle: idle means after start-up work
  const memAfter = totalmem() - freemem();
  // every lab-shaped cluster that appeared during the bench and still runs: the lab's own and the idle ones
  const running = (await provider.list()).filter((name) => !clustersBefore.has(name));
  const nodes = running.map((name) => `${name}-control-plane`);
  const perNode = [...(await memoryUsage(nodes)).values()].map((bytes) => bytes / MiB);
  const echoMany = await echoLatencies(miss.socket, 60);
  figures.push(
    { name: `idle 1-node labs at once`, value: idleLabs, unit: 'count', detail: 'target ≥ 10' },
    {
      name: '  node memory per idle lab (max)',
      value: Math.max(...perNode),
      unit: 'MiB',
      detail: `${spread(perNode, 'MiB', 0)}; target ≤ 1024`,
    },
    {
      name: '  host memory used by them',
      value: (memAfter - memBefore) / MiB,
      unit: 'MiB',
      detail: `of ${(totalmem() / MiB / 1024).toFixed(0)} GiB`,
    },
    { name: '  host load average (1 min)', value: loadavg()[0] ?? NaN, unit: 'count' },
    { name: '  keystroke echo p50 with one lab', value: quantile(echoOne, 0.5), unit: 'ms' },
    {
      name: `  keystroke echo p95 with ${idleLabs} labs`,
      value: quantile(echoMany, 0.95),
      unit: 'ms',
      detail: `p50 ${quantile(echoMany, 0.5).toFixed(0)} ms; target ≤ 50 ms`,
    },
  );
  miss.socket.close();
  await bare.learner.end(miss.labId);
} finally {
  await cleanUp();
}
await report('labs', figures);
