import { createExamEngine } from '../../exams/engine.js';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { createLabServer } from '../../app.js';
import { createClusterProvider } from '../../clusters/index.js';
import type { ScenarioEngine } from '../../labs/deps.js';
import { describePoolSpec, poolSize, POOL_SPEC_EXAMPLE } from '../../labs/pool-spec.js';
import { createScenarioEngine } from '../../labs/scenario-engine.js';
import { log } from '../../log.js';
import type { PlatformPlan } from '../../platform/plan.js';
import { PlatformPreparation } from '../../platform/preparation.js';
import { PlatformReadiness } from '../../platform/readiness.js';
import { openStore, type SignInTokens, type Store } from '../../store/index.js';
import { printProgress } from '../progress-printer.js';
import { UserError } from '../user-error.js';
import { readServeConfig, type PoolConfig, type ServeFlags } from './serve-config.js';
import { explainStoreErrors, lockDataDirOrExplain, startOrExplain, untilSignal } from './serve-lifecycle.js';
import { buildWebApp, platformDeps, webRootOf } from './serve-prerequisites.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

interface ServeOptions extends ServeFlags {
  buildMissing?: boolean;
  rotateTokens?: boolean;
}

/** `cks-lab serve`: the lab server; runs until SIGINT/SIGTERM. */
export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description(
      'Serve the browser lab (PORT, CKS_LAB_DATA_DIR, CKS_LAB_MAX_LABS, CKS_LAB_POOL, CKS_LAB_ALLOWED_ORIGINS, CKS_LAB_ALLOWED_HOSTS, CKS_LAB_TRUST_PROXY, CKS_LAB_RECORDING …)',
    )
    .option('--port <port>', 'port to listen on (default: PORT or 3000)')
    .option(
      '--host <address>',
      'address to listen on (default: CKS_LAB_HOST or 127.0.0.1; 0.0.0.0 for a workshop)',
    )
    .option(
      '--pool <spec>',
      `warm clusters kept ready so labs start at once: NODES:COUNT and SCENARIO-ID:COUNT (pre-staged) pairs, e.g. ${POOL_SPEC_EXAMPLE}; 0 or off disables (default: CKS_LAB_POOL or 1:1; pooled clusters and labs together stay within CKS_LAB_MAX_LABS)`,
    )
    .option(
      '--allowed-hosts <names>',
      'host names people reach the server by, comma-separated (default: CKS_LAB_ALLOWED_HOSTS; localhost, IP addresses, the hosts of CKS_LAB_ALLOWED_ORIGINS and --host are always allowed); other Host headers get 421, against DNS rebinding',
    )
    .option(
      '--trust-proxy <proxies>',
      'the TLS proxy in front, whose X-Forwarded-For/-Proto are believed: addresses, subnets, loopback, or a hop count (default: CKS_LAB_TRUST_PROXY or off); then cookies are Secure (__Host-) and HSTS is sent behind HTTPS, and rate limits count per client',
    )
    .option(
      '--rotate-tokens',
      'make and print new sign-in links (only their hashes are stored, so the old ones cannot be shown again); the old links stop working and the sessions they opened are signed out',
    )
    .option(
      '--build-missing',
      'build what is missing: the web app before listening, then in the background (progress in the browser, Start disabled until done) host preparation when run as root and the node image',
    )
    .action(async (options: ServeOptions) => {
      const config = readServeConfig(process.env, options);
      // before anything reads the store or touches a cluster: a second server here would reconcile the first's labs
      const lock = await lockDataDirOrExplain(config.dataDir);
      if (options.buildMissing) await buildWebApp(repoRoot, printProgress());
      const provider = createClusterProvider();
      const scenarios = createScenarioEngine({
        provider,
        scenariosDir: join(repoRoot, 'scenarios'),
        logger: log,
      });
      const exams = createExamEngine({ provider, scenariosDir: join(repoRoot, 'scenarios'), logger: log });
      await checkPoolScenarios(config.pool, scenarios);
      const store = await explainStoreErrors(() => openStore(config.dataDir));
      const links = await explainStoreErrors(() => signInLinks(store, Boolean(options.rotateTokens)));
      const platform = new PlatformReadiness({
        onListenerError: (error) => log.error({ err: error }, 'a platform status listener failed'),
      });
      const preparation = new PlatformPreparation({
        readiness: platform,
        build: Boolean(options.buildMissing),
        deps: platformDeps(),
        logger: log,
        say: (line) => process.stdout.write(`${line}\n`),
        progress: printProgress(),
      });
      // a few seconds: when nothing is missing, labs open before the server listens, as they always did
      const plan = await preparation.check();
      const server = createLabServer({
        store,
        provider,
        scenarios,
        labConfig: config.lab,
        pool: { spec: config.pool.spec, tuning: { maxConcurrentCreates: config.pool.maxConcurrentCreates } },
        logger: log,
        allowedOrigins: config.allowedOrigins,
        allowedHosts: config.allowedHosts,
        trustProxy: config.trustProxy,
        sessionTtlMs: config.sessionTtlMs,
        webRoot: webRootOf(repoRoot),
        terminal: { graceMs: config.terminalGraceMs },
        recording: config.recording,
        platform,
        exams,
      });
      const address = await startOrExplain(server, config.port, config.host);
      printAccess(store, links, config.host, address.port, {
        pool: poolLine(config.pool, config.lab.maxLabs),
        platform: platformLine(plan),
      });
      if (plan.kind !== 'ready') preparation.start(plan);
      await untilSignal();
      process.stdout.write('stopping (labs and their clusters stay; the next start picks them up)\n');
      await preparation.stop();
      const cutOff = preparation.busy;
      await server.close();
      lock.release();
      if (cutOff) {
        // the build's commands cannot be cancelled from here and would keep this process alive until they end
        process.stdout.write(
          'preparing the lab platform stopped mid-way; the next start resumes (caches are kept)\n',
        );
        process.exit(0);
      }
    });
}

/** The sign-in links to print: new ones on a first start or --rotate-tokens; otherwise none can be shown. */
interface SignInLinks {
  tokens: SignInTokens | null;
  /** Set by --rotate-tokens: sessions the old links had opened, now signed out. */
  signedOut?: number;
}

async function signInLinks(store: Store, rotate: boolean): Promise<SignInLinks> {
  if (!rotate) return { tokens: await store.signInTokens.ensure() };
  const { tokens, signedOut } = await store.signInTokens.rotate();
  return { tokens, signedOut: signedOut.length };
}

/** Only the hash of a token is stored: a link is printed once, when it is made, and never reaches the log. */
function linkLines(base: string, links: SignInLinks): string[] {
  const join = `(workshops: learners join at ${base}/join)`;
  if (!links.tokens) {
    return [
      `  open:       ${base}/   (sign-in links were printed when they were made; only their hashes are kept)`,
      `  instructor: ${base}/   ${join}`,
      '  links:      lost one? restart with `npx cks-lab serve --rotate-tokens` for new ones (the old ones stop working)',
    ];
  }
  const lines = [
    `  open:       ${base}/?token=${links.tokens.access}`,
    `  instructor: ${base}/?token=${links.tokens.instructor}   ${join}`,
    '  links:      keep them: they are shown only now (only their hashes are stored)',
  ];
  if (links.signedOut !== undefined) {
    lines.push(
      `  rotated:    the old links no longer work; ${links.signedOut} session(s) they had opened were signed out`,
    );
  }
  return lines;
}

function printAccess(
  store: Store,
  links: SignInLinks,
  host: string,
  port: number,
  lines: { pool: string; platform: string },
): void {
  const shown = host === '0.0.0.0' || host === '::' || host === '127.0.0.1' ? 'localhost' : host;
  const base = `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}`;
  process.stdout.write(
    [
      `cks-lab is serving on ${base}`,
      ...linkLines(base, links),
      `  data:       ${store.file}`,
      `  pool:       ${lines.pool}`,
      `  platform:   ${lines.platform}`,
      '',
    ].join('\n'),
  );
}

/** A pre-staged entry must name a scenario of the catalog; a typo is a usage error at start, not a silent no-op. */
async function checkPoolScenarios(pool: PoolConfig, scenarios: ScenarioEngine): Promise<void> {
  for (const target of pool.spec.targets) {
    if (target.kind !== 'staged' || (await scenarios.get(target.scenarioId))) continue;
    const known = (await scenarios.list()).map((s) => s.id).join(', ');
    throw new UserError(
      `invalid ${pool.source === 'default' ? 'pool' : pool.source}: there is no scenario "${target.scenarioId}" to pre-stage; the catalog has ${known || 'no scenarios'}`,
      2,
    );
  }
}

/** "1-node ×2, 2-node ×1, kubesec-fix ×1", with the cap when the spec asks for more than the labs' slots. */
function poolLine(pool: PoolConfig, maxLabs: number): string {
  const cap =
    poolSize(pool.spec) > maxLabs
      ? ` (at most ${maxLabs} at a time: pooled clusters and labs share CKS_LAB_MAX_LABS=${maxLabs})`
      : '';
  return `${describePoolSpec(pool.spec)}${cap}`;
}

/** What the first look found: ready, being prepared in the background, or waiting for a command (said below). */
function platformLine(plan: PlatformPlan): string {
  if (plan.kind === 'ready') return 'ready (Docker engine, node image)';
  if (plan.kind === 'blocked')
    return 'labs cannot start yet: the catalog is open, the line below says what to run';
  const what = plan.tasks.map((task) =>
    task.kind === 'host' ? 'preparing the host' : 'building the node image',
  );
  return `${what.join(', then ')} in the background (up to about 20 minutes on 2 cores with empty caches); the catalog is open and shows the progress, labs start when it is done`;
}
