import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureWebBundle } from '../../server/cli/commands/serve-prerequisites.js';
import { CommandError, run } from '../../server/exec/run.js';
import { REPO_ROOT } from './support.js';

export interface ServerProcess {
  /** The URL the server printed for the person who started it (carries ?token=). */
  openUrl: string;
  instructorUrl: string;
  origin: string;
  /** kill -9: no shutdown handler runs. */
  kill9(): Promise<void>;
  /** SIGTERM-free stop for the end of a test (also kill -9: clusters are ended by the test itself). */
  stop(): Promise<void>;
  output(): string;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export const tempDataDir = (): Promise<string> => mkdtemp(join(tmpdir(), 'cks-lab-e2e-'));

/**
 * `node bin/cks-lab.js serve` (or another command that serves, such as `scenario dev`) as a real child process;
 * resolves once it has printed its URLs: `open:`, and `instructor:` for serve.
 */
export async function startServerProcess(options: {
  dataDir: string;
  port: number;
  env?: Record<string, string>;
  startTimeoutMs?: number;
  /** Arguments after bin/cks-lab.js instead of `serve --port <port>`; such a command prints no instructor link. */
  args?: string[];
}): Promise<ServerProcess> {
  // a fresh clone has no web/dist: build it as `npm start` would (a no-op when it is up to date)
  await ensureWebBundle(REPO_ROOT, () => undefined);
  const args = options.args ?? ['serve', '--port', String(options.port)];
  const abort = new AbortController();
  let output = '';
  let openUrl = '';
  let instructorUrl = '';
  let announce: (() => void) | undefined;
  const announced = new Promise<void>((resolve) => (announce = resolve));
  const exited = run([process.execPath, join(REPO_ROOT, 'bin', 'cks-lab.js'), ...args], {
    cwd: REPO_ROOT,
    // the pool is off unless a test asks for it: the e2e tests measure a lab that creates its own cluster
    env: { ...process.env, CKS_LAB_POOL: 'off', CKS_LAB_DATA_DIR: options.dataDir, ...options.env },
    timeoutMs: 3 * 60 * 60_000,
    signal: abort.signal,
    allowFailure: true,
    onLine: (line) => {
      output += `${line}\n`;
      const open = /^\s+open:\s+(\S+)/.exec(line);
      const instructor = /^\s+instructor:\s+(\S+)/.exec(line);
      if (open?.[1]) openUrl = open[1];
      if (instructor?.[1]) instructorUrl = instructor[1];
      if (openUrl && (instructorUrl || options.args)) announce?.();
    },
  }).catch((error: unknown) => {
    if (error instanceof CommandError && error.reason === 'aborted') return error.result;
    throw error;
  });
  const deadline = options.startTimeoutMs ?? 120_000;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    announced,
    exited.then((result) => {
      throw new Error(`the server exited before printing its URL (code ${result.exitCode}):\n${output}`);
    }),
    new Promise((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`the server printed no URL within ${deadline} ms:\n${output}`)),
        deadline,
      );
    }),
  ]).finally(() => clearTimeout(timer));
  const kill9 = async () => {
    abort.abort();
    await exited;
  };
  return {
    openUrl,
    instructorUrl,
    origin: new URL(openUrl).origin,
    kill9,
    stop: kill9,
    output: () => output,
  };
}
