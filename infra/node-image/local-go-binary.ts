import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { run } from '../../server/exec/run.js';
import { cacheRoot } from '../../server/files/cache-root.js';
import { pathExists } from '../../server/files/missing-ok.js';

/**
 * Builds one of our own small Go programs (a folder with go.mod and no dependencies, e.g. infra/netd) statically into
 * ~/.cache/cks-lab/bin/<name>-<source hash>; reused while its sources are unchanged.
 */
export async function buildLocalGoBinary(sourceDir: string, name: string): Promise<string> {
  const hash = createHash('sha256');
  const sources = (await readdir(sourceDir)).filter(
    (f) => (f.endsWith('.go') && !f.endsWith('_test.go')) || f === 'go.mod',
  );
  for (const file of sources.sort()) hash.update(file).update(await readFile(join(sourceDir, file)));
  const out = join(cacheRoot(), 'bin', `${name}-${hash.digest('hex').slice(0, 16)}`);
  if (await pathExists(out)) return out;
  await mkdir(dirname(out), { recursive: true });
  await run(['go', 'build', '-trimpath', '-ldflags', '-s -w', '-o', `${out}.tmp`, '.'], {
    cwd: sourceDir,
    timeoutMs: 10 * 60_000,
    env: { ...process.env, CGO_ENABLED: '0', GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local' },
  });
  await rename(`${out}.tmp`, out);
  return out;
}
