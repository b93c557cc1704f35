import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { prepareHost } from '../../../infra/host/prepare.js';
import { ensureNodeImage } from '../../../infra/node-image/index.js';
import { run } from '../../exec/run.js';
import { readPlatformFacts } from '../../platform/facts.js';
import type { PlatformPreparationDeps } from '../../platform/preparation.js';
import type { ProgressSink } from '../../progress.js';
import { runSteps } from '../../progress.js';

const WEB_BUILD_TIMEOUT_MS = 5 * 60_000;

/**
 * What `npm start` builds before it listens: the web bundle (seconds; the page needs it). The node image and the
 * host come after, in the background (platformDeps), while the catalog is already served.
 */
export async function buildWebApp(repoRoot: string, progress: ProgressSink): Promise<void> {
  await runSteps(
    [{ name: 'web app', run: (_ctx, info) => ensureWebBundle(repoRoot, info) }],
    undefined,
    progress,
  );
}

/** The real platform work: the engine/image/kind look, `host prepare`, and the node image build. */
export function platformDeps(): PlatformPreparationDeps {
  return {
    readFacts: readPlatformFacts,
    prepareHost: (progress) => prepareHost(progress),
    buildImage: async (progress, force) => {
      await ensureNodeImage({ progress, force });
    },
  };
}

export function webRootOf(repoRoot: string): string {
  return join(repoRoot, 'web', 'dist');
}

/** Everything the bundle is built from; web code also imports the shared event map from the server. */
const WEB_INPUTS = [
  'web/src',
  'web/index.html',
  'web/vite.config.ts',
  'server/terminal/events.ts',
  'package-lock.json',
];
const HASH_FILE = '.cks-lab-inputs';

async function inputsHash(repoRoot: string): Promise<string> {
  const hash = createHash('sha256');
  const files: string[] = [];
  for (const input of WEB_INPUTS) {
    const path = join(repoRoot, input);
    if ((await stat(path)).isDirectory()) {
      const entries = await readdir(path, { recursive: true, withFileTypes: true });
      files.push(...entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)));
    } else files.push(path);
  }
  for (const file of files.sort())
    hash
      .update(relative(repoRoot, file))
      .update('\0')
      .update(await readFile(file));
  return hash.digest('hex');
}

/** Rebuilds web/dist when it is missing or was built from other sources (a stale bundle after a pull). */
export async function ensureWebBundle(repoRoot: string, info: (message: string) => void): Promise<void> {
  const dist = webRootOf(repoRoot);
  const wanted = await inputsHash(repoRoot);
  const built = await readFile(join(dist, HASH_FILE), 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw error;
  });
  if (built.trim() === wanted && existsSync(join(dist, 'index.html'))) {
    info('web/dist is up to date');
    return;
  }
  const vite = join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  await run([process.execPath, vite, 'build', '--config', join(repoRoot, 'web', 'vite.config.ts')], {
    cwd: repoRoot,
    timeoutMs: WEB_BUILD_TIMEOUT_MS,
    onLine: (line) => line.trim() && info(line.trim()),
  });
  await writeFile(join(dist, HASH_FILE), `${wanted}\n`);
}
