import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import type { AddressInfo } from 'node:net';
import { createLabServer, type LabServer } from '../../app.js';
import { createClusterProvider } from '../../clusters/index.js';
import type { ScenarioEngine } from '../../labs/deps.js';
import { describePoolSpec, poolSize, POOL_SPEC_EXAMPLE } from '../../labs/pool-spec.js';
import { createScenarioEngine } from '../../labs/scenario-engine.js';
import { log } from '../../log.js';
import type { PlatformPlan } from '../../platform/plan.js';
import { PlatformPreparation } from '../../platform/preparation.js';
import { PlatformReadiness } from '../../platform/readiness.js';
import {
  DataDirLockedError,
  LOCK_FILE_NAME,
  lockDataDir,
  type DataDirLock,
} from '../../store/data-dir-lock.js';
import { isUnwritableErrno } from '../../store/errors.js';
import {
  openStore,
  StoreFileError,
  StoreWriteError,
  type SignInTokens,
  type Store,
} from '../../store/index.js';
import { dockerEndpointFromEnv } from '../../terminal/docker-api.js';
import { openNodeShell } from '../../terminal/node-shell.js';
import { printProgress } from '../progress-printer.js';
import { UserError } from '../user-error.js';
import { readServeConfig, type PoolConfig, type ServeFlags } from './serve-config.js';
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
      'Serve the browser lab (PORT, CKS_LAB_DATA_DIR, CKS_LAB_MAX_LABS, CKS_LAB_POOL, CKS_LAB_ALLOWED_ORIGINS, CKS_LAB_ALLOWED_HOSTS, CKS_LAB_TRUST_PROXY …)',
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
      await checkPoolScenarios(config.pool, scenarios);
      const store = await explainStoreErrors(() => openStore(config.dataDir));
      const links = await explainStoreErrors(() => signInLinks(store, Boolean(options.rotateTokens)));
      const docker = dockerEndpointFromEnv();
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
        terminal: { openShell: (shell) => openNodeShell(docker, shell), graceMs: config.terminalGraceMs },
        platform,
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

async function lockDataDirOrExplain(dataDir: string): Promise<DataDirLock> {
  try {
    return await lockDataDir(dataDir);
  } catch (error) {
    if (error instanceof DataDirLockedError) throw new UserError(error.message);
    // the lock is the first file written: a full or read-only data dir shows here before the store is opened
    if (isUnwritableErrno(error)) {
      const lockFile = join(dataDir, LOCK_FILE_NAME);
      throw new UserError(new StoreWriteError(lockFile, error, "the data dir's lock file").message);
    }
    throw error;
  }
}

/** A damaged data file or one that cannot be written (disk full): the message names the file and the fix. */
async function explainStoreErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof StoreFileError || error instanceof StoreWriteError)
      throw new UserError(error.message);
    throw error;
  }
}

/** Listing clusters is the first thing start() does; without a working provider no lab could run. */
async function startOrExplain(server: LabServer, port: number, host: string): Promise<AddressInfo> {
  try {
    return await server.start(port, host);
  } catch (error) {
    await server.close();
    // reconciling the store with the clusters writes it
    if (error instanceof StoreWriteError) throw new UserError(error.message);
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new UserError(`port ${port} is in use: stop what runs there or pass --port (or PORT)`);
    }
    throw new UserError(
      `cannot start the lab server: ${message}. Run "npx cks-lab doctor" for what is missing.`,
    );
  }
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

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
