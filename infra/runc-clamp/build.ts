import { createHash } from 'node:crypto';
import { access, constants, mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from '../../server/exec/run.js';
import { log } from '../../server/log.js';
import { findGo } from './find-go.js';
import { cacheRoot } from '../../server/files/cache-root.js';

const SOURCE_DIR = dirname(fileURLToPath(import.meta.url));
const BUILD_TIMEOUT_MS = 5 * 60_000;

export interface BuildRuncClampOptions {
  /** Where the binary goes (default ~/.cache/cks-lab/bin). */
  binDir?: string;
  signal?: AbortSignal;
}

/**
 * Builds the runc capability clamp (static, CGO off) into <binDir>/runc-clamp-<hash of its sources> and returns
 * that path; a binary already built from the same sources is reused. Used on the host and inside node images.
 */
export async function buildRuncClamp(options: BuildRuncClampOptions = {}): Promise<string> {
  const binDir = options.binDir ?? join(cacheRoot(), 'bin');
  const output = join(binDir, `runc-clamp-${await sourceHash()}`);
  if (await isExecutable(output)) return output;

  const go = await findGo();
  if (!go) {
    throw new Error(
      'building the runc capability clamp needs Go: install it (apt-get install golang-go) or put go on PATH',
    );
  }
  await mkdir(binDir, { recursive: true });
  const partial = `${output}.partial-${process.pid}`;
  try {
    const result = await run(
      [go, 'build', '-trimpath', '-buildvcs=false', '-ldflags=-s -w', '-o', partial, '.'],
      {
        cwd: SOURCE_DIR,
        env: { ...process.env, CGO_ENABLED: '0', GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local' },
        timeoutMs: BUILD_TIMEOUT_MS,
        signal: options.signal,
      },
    );
    await rename(partial, output); // atomic: concurrent builders never see a half-written binary
    log.debug({ output, durationMs: result.durationMs }, 'built runc capability clamp');
    return output;
  } finally {
    await rm(partial, { force: true });
  }
}

/** Hash of go.mod and the non-test Go sources, so a source change yields a new binary name. */
async function sourceHash(): Promise<string> {
  const names = (await readdir(SOURCE_DIR))
    .filter((name) => name === 'go.mod' || (name.endsWith('.go') && !name.endsWith('_test.go')))
    .sort();
  const hash = createHash('sha256');
  for (const name of names) {
    hash.update(`${name}\0`);
    hash.update(await readFile(join(SOURCE_DIR, name)));
    hash.update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
