// npm run soak: issue 8's load and fault suite against one real `cks-lab serve` on loopback, with real kind
// clusters. Load (REST, terminal attach/detach, floods, a typist) with RSS and latency figures, then faults:
// kill -9 during a Check and during provisioning, the data dir full, the Docker engine restarted. Every cluster
// and data dir it made is removed at the end, whatever happened. `npm run soak -- --help` for the options.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeImageTag } from '../infra/node-image/tag.js';
import { findKind } from '../server/clusters/kind-binary.js';
import { dockerReachable, imageExists } from '../server/clusters/kind/docker.js';
import { pathExists } from '../server/files/missing-ok.js';
import { freePort } from '../test/e2e/server-process.js';
import { REPO_ROOT } from '../test/e2e/support.js';
import { dataDirFull } from './faults/data-dir-full.js';
import { dockerRestart, ensureEngineUp } from './faults/docker-restart.js';
import { killDuringCheck } from './faults/kill-during-check.js';
import { killDuringProvisioning } from './faults/kill-during-provisioning.js';
import type { FaultOutcome } from './faults/outcome.js';
import { runLoad } from './phases/load.js';
import { signInPeople, startLoadLabs } from './phases/setup.js';
import { ClusterLedger } from './support/clusters.js';
import { untilNoForeignLabClusters } from './support/foreign-guard.js';
import { readOptions, USAGE, UsageError, type FaultName, type SoakOptions } from './support/options.js';
import { RssSampler } from './support/rss.js';
import { SoakServer } from './support/server.js';
import { allLabs, type SoakRun } from './support/session.js';
import { formatSummary, writeSummary, type SoakSummary } from './support/summary.js';
import { mountTmpfs, unmount } from './support/tmpfs.js';

const TMPFS_MIB = 64;
const FOREIGN_WAIT_MS = 5 * 60_000;
const FAULTS: Record<FaultName, (soak: SoakRun) => Promise<FaultOutcome>> = {
  'kill-check': killDuringCheck,
  'kill-provisioning': killDuringProvisioning,
  'data-full': dataDirFull,
  'docker-restart': dockerRestart,
};
const say = (line: string) =>
  process.stdout.write(`[soak ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

function parseOrExit(): SoakOptions {
  try {
    const options = readOptions(process.argv.slice(2));
    if (options) return options;
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  } catch (error) {
    const known =
      error instanceof UsageError || (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS');
    if (!known) throw error;
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    process.exit(2);
  }
}

/** One SKIPPED line and exit 0 when this machine cannot run real clusters, as the cluster tiers and bench do. */
async function skipUnlessClusters(scenario: string): Promise<void> {
  const docker = await dockerReachable();
  const image = await nodeImageTag();
  const reason = !docker.ok
    ? `no Docker engine (${docker.reason}); run \`npx cks-lab host prepare\``
    : !(await findKind())
      ? 'no kind binary; run `npx cks-lab image build`'
      : !(await imageExists(image))
        ? `node image ${image} not built; run \`npx cks-lab image build\``
        : !(await pathExists(join(REPO_ROOT, 'scenarios', scenario, 'scenario.yaml')))
          ? `there is no scenario "${scenario}" in scenarios/`
          : null;
  if (!reason) return;
  process.stdout.write(`SKIPPED soak: ${reason}\n`);
  process.exit(0);
}

const options = parseOrExit();
await skipUnlessClusters(options.scenario);
const began = performance.now();
const ledger = new ClusterLedger();
const dataDir = await mkdtemp(join(tmpdir(), 'cks-lab-soak-'));
let tmpfs: string | null = null;
try {
  await mountTmpfs(dataDir, TMPFS_MIB);
  tmpfs = dataDir;
} catch (error) {
  say(
    `no tmpfs for the data dir (${(error as Error).message.split('\n')[0]}): the data-full fault will be skipped`,
  );
}
const server = new SoakServer(
  dataDir,
  await freePort(),
  // the pool off: every cluster is a lab's; one slot more than the load's labs for the provisioning fault
  { CKS_LAB_POOL: 'off', CKS_LAB_MAX_LABS: String(options.labs + 1) },
  () => untilNoForeignLabClusters(ledger, FOREIGN_WAIT_MS, say),
);
const rss = new RssSampler(() => server.pid());
const summary: SoakSummary = { options, readySeconds: [], faults: [], cleanup: [], failures: [], minutes: 0 };
let soak: SoakRun | undefined;

let cleaning: Promise<void> | undefined;
/** Ends every lab, stops the server, deletes every cluster this run made, unmounts and removes the data dir. */
function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    rss.stop();
    const step = async (what: string, action: () => Promise<void>) => {
      await action().catch((error: unknown) => {
        summary.cleanup.push(`${what} failed: ${(error as Error).message.split('\n')[0]}`);
      });
    };
    await step('starting the Docker engine', () => ensureEngineUp(say));
    if (soak && server.running) {
      const run = soak;
      await step('ending the labs', async () => {
        for (const lab of await allLabs(run)) {
          if (lab.state === 'ended') continue;
          const answer = await run.instructor.request('POST', `/api/labs/${lab.id}/end`);
          if (answer.status !== 200)
            summary.cleanup.push(`ending lab ${lab.id}: HTTP ${answer.status} ${answer.code ?? ''}`);
        }
      });
    }
    await step('stopping the server', () => server.kill9());
    await step('deleting clusters', async () => {
      const left = await ledger.orphans(new Set());
      if (left.length)
        summary.cleanup.push(`deleted by the soak itself (left after the labs ended): ${left.join('; ')}`);
      for (const failure of await ledger.deleteAll())
        summary.failures.push(`cluster not deleted: ${failure}`);
      const still = await ledger.orphans(new Set());
      if (still.length) summary.failures.push(`clusters left on the engine: ${still.join('; ')}`);
    });
    if (tmpfs) await step('unmounting the data dir', () => unmount(dataDir));
    await step('removing the data dir', () => rm(dataDir, { recursive: true, force: true }));
  })();
  return cleaning;
}

async function finish(code: number): Promise<never> {
  await cleanUp();
  summary.minutes = (performance.now() - began) / 60_000;
  if (rss.peak() > options.rssCapMiB)
    summary.failures.push(
      `server RSS peaked at ${rss.peak().toFixed(0)} MiB, above the cap of ${options.rssCapMiB} MiB`,
    );
  process.stdout.write(formatSummary(summary, rss));
  process.stdout.write(`(written to ${await writeSummary(summary, rss)})\n`);
  process.exit(summary.failures.length ? Math.max(code, 1) : code);
}

const cutOff = setTimeout(() => {
  summary.failures.push(`cut off after ${options.maxMinutes} minutes (--max-minutes)`);
  say(`the run took longer than ${options.maxMinutes} minutes: cleaning up`);
  void finish(1);
}, options.maxMinutes * 60_000);
cutOff.unref();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    summary.failures.push(`interrupted (${signal})`);
    void finish(130);
  });
}

try {
  say(`data dir ${dataDir}${tmpfs ? ` (tmpfs, ${TMPFS_MIB} MiB)` : ''}; server on port ${server.port}`);
  await server.start();
  rss.start();
  const people = await signInPeople(server);
  soak = {
    options,
    server,
    ledger,
    rss,
    learners: [people.local, people.instructor],
    instructor: people.instructor,
    workshopCode: people.workshopCode,
    labs: [],
    tmpfs,
    say,
  };
  rss.phase = 'labs';
  summary.readySeconds = (await startLoadLabs(soak, people.local)).readySeconds;
  await rss.sample();
  summary.load = await runLoad(soak);
  if (summary.load.crashed) summary.failures.push('the server crashed during the load');
  for (const lost of summary.load.evidence.lost) summary.failures.push(`load: lost ${lost}`);
  for (const name of options.faults) {
    rss.phase = name;
    say(`fault: ${name}`);
    const outcome = await FAULTS[name](soak).catch(async (error: unknown): Promise<FaultOutcome> => {
      say(`fault ${name} broke off: ${(error as Error).stack ?? String(error)}`);
      if (!server.running)
        await server.start().catch((e: Error) => say(`restarting the server failed: ${e.message}`));
      return {
        fault: name,
        title: name,
        verdict: 'FAIL',
        saw: [],
        failures: [`the fault's run broke off: ${(error as Error).message.split('\n')[0]}`],
        warnings: [],
        notes: [],
        seconds: 0,
      };
    });
    summary.faults.push(outcome);
    if (outcome.verdict === 'FAIL') summary.failures.push(`${outcome.title}: ${outcome.failures.join('; ')}`);
    if (server.running && !(await server.alive())) summary.failures.push(`the server crashed during ${name}`);
  }
  await finish(0);
} catch (error) {
  say(`the soak broke off: ${(error as Error).stack ?? String(error)}`);
  summary.failures.push(`broke off: ${(error as Error).message.split('\n')[0]}`);
  await finish(1);
}
