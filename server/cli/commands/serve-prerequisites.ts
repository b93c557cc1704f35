import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { run } from '../../exec/run.js';
import type { ProgressSink } from '../../progress.js';
import { runSteps } from '../../progress.js';

const WEB_BUILD_TIMEOUT_MS = 5 * 60_000;

/** What `npm start` builds when it is missing: the web bundle, then the node image (which takes long cold). */
export async function buildMissing(repoRoot: string, progress: ProgressSink): Promise<void> {
  await runSteps(
    [
      { name: 'web app', run: (_ctx, info) => ensureWebBundle(repoRoot, info) },
      { name: 'node image', run: (_ctx, info) => ensureNodeImageIfBuildable(repoRoot, progress, info) },
    ],
    undefined,
    progress,
  );
}

export function webRootOf(repoRoot: string): string {
  return join(repoRoot, 'web', 'dist');
}

async function ensureWebBundle(repoRoot: string, info: (message: string) => void): Promise<void> {
  if (existsSync(join(webRootOf(repoRoot), 'index.html'))) {
    info('web/dist is built');
    return;
  }
  const vite = join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  await run([process.execPath, vite, 'build', '--config', join(repoRoot, 'web', 'vite.config.ts')], {
    cwd: repoRoot,
    timeoutMs: WEB_BUILD_TIMEOUT_MS,
    onLine: (line) => line.trim() && info(line.trim()),
  });
}

interface NodeImageModule {
  ensureNodeImage(options: {
    progress?: ProgressSink;
  }): Promise<{ tag: string; built: boolean; durationMs: number }>;
}

/** The node image builder lives in infra/node-image; a checkout without it serves with whatever image exists. */
async function ensureNodeImageIfBuildable(
  repoRoot: string,
  progress: ProgressSink,
  info: (message: string) => void,
): Promise<void> {
  const entry = join(repoRoot, 'infra', 'node-image', 'index.ts');
  if (!existsSync(entry)) {
    info('no node image builder in this checkout; using the image that exists');
    return;
  }
  const builder = (await import(pathToFileURL(entry).href)) as NodeImageModule;
  const result = await builder.ensureNodeImage({ progress });
  info(result.built ? `built ${result.tag}` : `${result.tag} exists`);
}
