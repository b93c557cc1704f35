import { mkdtempSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { createLabServer, type LabServer, type TrustProxySetting } from '../../../server/app.js';
import type { SignInLimits } from '../../../server/http/sign-in-throttle.js';
import type { AuthorMode } from '../../../server/labs/author-mode.js';
import { DEFAULT_LAB_CONFIG, type LabConfig } from '../../../server/labs/config.js';
import { parsePoolSpec } from '../../../server/labs/pool-spec.js';
import type { PlatformReadiness } from '../../../server/platform/readiness.js';
import type { Logger } from '../../../server/log.js';
import { openStore, type DurableFs, type SignInTokens, type Store } from '../../../server/store/index.js';
import type { TerminalLimits } from '../../../server/terminal/limits.js';
import { FakeProvider, FakeScenarios, FakeShells } from './fakes.js';

export const quietLogger = pino({ level: process.env.CKS_LAB_TEST_LOG ?? 'silent' });

// every temp dir of this test process lives under one root, removed when the process exits
const tempRoot = mkdtempSync(join(tmpdir(), 'cks-lab-unit-'));
process.once('exit', () => rmSync(tempRoot, { recursive: true, force: true }));

export async function tempDir(prefix = 'dir-'): Promise<string> {
  return mkdtemp(join(tempRoot, prefix));
}

export interface TestServer {
  baseUrl: string;
  origin: string;
  server: LabServer;
  store: Store;
  provider: FakeProvider;
  scenarios: FakeScenarios;
  shells: FakeShells;
  dataDir: string;
  /** The printed sign-in links' tokens (known only to the server that made them, not to one reopening the dir). */
  readonly tokens: SignInTokens;
  /** Stops the server; the data dir stays unless removeData. */
  close(options?: { removeData?: boolean }): Promise<void>;
}

export interface TestServerOptions {
  dataDir?: string;
  provider?: FakeProvider;
  lab?: Partial<LabConfig>;
  graceMs?: number;
  allowedOrigins?: string[] | null;
  highWater?: number;
  lowWater?: number;
  /** Overrides of the terminal's per-browser limits (small ones make floods quick to reproduce). */
  terminalLimits?: Partial<TerminalLimits>;
  /** Not ready: the server listens, labs open once it is. Default: ready. */
  platform?: PlatformReadiness;
  /** A warm pool spec (e.g. "1:1"); off by default. */
  pool?: string;
  /** Default: silent (CKS_LAB_TEST_LOG sets a level). */
  logger?: Logger;
  allowedHosts?: string[];
  trustProxy?: TrustProxySetting;
  signInLimits?: SignInLimits;
  /** Default: an hour. */
  sessionTtlMs?: number;
  /** The file operations of the store's writes (a test makes them fail as a full disk would). */
  storeFs?: DurableFs;
  /** `scenario dev`'s author mode; absent as on a normal server. */
  author?: AuthorMode;
  /** Terminal recording into the data dir's recordings/ (off by default); maxBytes defaults to 1 MiB. */
  recording?: { maxBytes?: number };
}

/** The real express app and socket.io server on a free port, with the cluster provider and scenarios doubled. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? (await tempDir());
  const store = await openStore(dataDir, { fs: options.storeFs });
  // as serve does: a new data dir gets its sign-in tokens now, a reopened one has them (their hashes) already
  const issued = await store.signInTokens.ensure();
  const provider = options.provider ?? new FakeProvider();
  const scenarios = new FakeScenarios();
  const shells = provider.shells;
  const server = createLabServer({
    store,
    provider,
    scenarios,
    labConfig: { ...DEFAULT_LAB_CONFIG, ...options.lab },
    logger: options.logger ?? quietLogger,
    platform: options.platform,
    pool: options.pool ? { spec: parsePoolSpec(options.pool, 'test'), loadAverage: () => 0 } : undefined,
    allowedOrigins: options.allowedOrigins ?? null,
    allowedHosts: options.allowedHosts,
    trustProxy: options.trustProxy,
    signInLimits: options.signInLimits,
    sessionTtlMs: options.sessionTtlMs ?? 3_600_000,
    webRoot: join(dataDir, 'no-web-bundle'),
    author: options.author,
    recording: options.recording && {
      dir: join(dataDir, 'recordings'),
      maxBytes: options.recording.maxBytes ?? 1048576,
      retentionDays: 30,
    },
    terminal: {
      graceMs: options.graceMs ?? 60_000,
      highWater: options.highWater,
      lowWater: options.lowWater,
      limits: options.terminalLimits,
    },
  });
  const address = await server.start(0, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${address.port}`;
  return {
    baseUrl,
    origin: baseUrl,
    server,
    store,
    provider,
    scenarios,
    shells,
    dataDir,
    get tokens(): SignInTokens {
      if (!issued) throw new Error('a reopened data dir: its sign-in tokens were made before');
      return issued;
    },
    async close(closeOptions = {}) {
      // resolves once the store's last write is on disk (a progress write is fire-and-forget): rm finds no newcomer
      await server.close();
      if (closeOptions.removeData) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Follows the printed ?token= URL and returns the session cookie ("name=value"). */
export async function signIn(baseUrl: string, token: string): Promise<string> {
  const response = await fetch(`${baseUrl}/?token=${encodeURIComponent(token)}`, { redirect: 'manual' });
  if (response.status !== 303) throw new Error(`sign-in answered ${response.status}`);
  const cookie = response.headers.get('set-cookie');
  if (!cookie) throw new Error('sign-in set no cookie');
  return cookie.split(';')[0] ?? '';
}

/** Joins the workshop as a new learner and returns the session cookie. */
export async function joinWorkshop(baseUrl: string, code: string, name: string): Promise<string> {
  const response = await fetch(`${baseUrl}/auth/join`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name, code }),
  });
  if (response.status !== 201) throw new Error(`join answered ${response.status}: ${await response.text()}`);
  return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

/** A signed-in instructor's workshop with two learners who joined it, the owner's lab of `scenarioId` ready. */
export interface WorkshopLab {
  instructor: string;
  code: string;
  /** The learner whose lab it is, and one who only joined. */
  owner: string;
  other: string;
  labId: string;
}

export async function workshopLab(t: TestServer, scenarioId = 'demo'): Promise<WorkshopLab> {
  const instructor = await signIn(t.baseUrl, t.tokens.instructor);
  const created = await api<{ workshop: { code: string } }>(t.baseUrl, 'POST', '/api/instructor/workshops', {
    cookie: instructor,
    body: {},
  });
  const code = created.body.workshop.code;
  const owner = await joinWorkshop(t.baseUrl, code, 'Owner');
  const other = await joinWorkshop(t.baseUrl, code, 'Other');
  const started = await api<{ lab: { id: string } }>(t.baseUrl, 'POST', '/api/labs', {
    cookie: owner,
    body: { scenarioId },
  });
  const labId = started.body.lab.id;
  await until(() => t.store.labs.get(labId)?.state === 'ready', 'the lab to be ready');
  return { instructor, code, owner, other, labId };
}

export interface JsonResponse<T = unknown> {
  status: number;
  body: T;
}

export async function api<T = Record<string, unknown>>(
  baseUrl: string,
  method: 'GET' | 'POST',
  path: string,
  options: { cookie?: string; body?: unknown; origin?: string } = {},
): Promise<JsonResponse<T>> {
  const headers: Record<string, string> = {};
  if (options.cookie) headers.cookie = options.cookie;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.origin) headers.origin = options.origin;
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}

/** Polls a condition (in-process state, or a cheap query with a longer interval) until it holds or the deadline passes. */
export async function until(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 5000,
  intervalMs = 10,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Runs fn against a fresh test server and always closes it (and removes its data) afterwards. */
export async function withServer(
  options: Parameters<typeof startTestServer>[0],
  fn: (t: TestServer) => Promise<void>,
): Promise<void> {
  const t = await startTestServer(options);
  try {
    await fn(t);
  } finally {
    await t.close({ removeData: true });
  }
}
