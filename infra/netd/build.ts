import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from '../../server/exec/run.js';
import { cacheRoot } from '../../server/files/cache-root.js';
import { pathExists } from '../../server/files/missing-ok.js';

const SOURCE_DIR = dirname(fileURLToPath(import.meta.url));
export const NETD_IMAGE = 'docker.io/cks-lab/netd:v1';
export const NETD_MANIFEST = join(SOURCE_DIR, 'default-cni.yaml');

/** Builds cks-lab-netd (static) into ~/.cache/cks-lab/bin/netd-<source hash>; reused while the source is unchanged. */
export async function buildNetd(): Promise<string> {
  const hash = createHash('sha256');
  for (const file of (await readdir(SOURCE_DIR)).filter((f) => f.endsWith('.go') || f === 'go.mod').sort()) {
    hash.update(file).update(await readFile(join(SOURCE_DIR, file)));
  }
  const out = join(cacheRoot(), 'bin', `netd-${hash.digest('hex').slice(0, 16)}`);
  if (await pathExists(out)) return out;
  await mkdir(dirname(out), { recursive: true });
  await run(['go', 'build', '-trimpath', '-ldflags', '-s -w', '-o', `${out}.tmp`, '.'], {
    cwd: SOURCE_DIR,
    timeoutMs: 10 * 60_000,
    env: { ...process.env, CGO_ENABLED: '0', GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local' },
  });
  await rename(`${out}.tmp`, out);
  return out;
}
