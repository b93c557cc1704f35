import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { run } from '../../../server/exec/run.js';
import { OFFLINE_DIR, version } from './versions.js';
import { cacheRoot } from '../../../server/files/cache-root.js';
import { pathExists } from '../../../server/files/missing-ok.js';

export const CACHE_DIR = cacheRoot();

/** A Debian rootfs tarball for a package list, cached by the list, the script and the suite. */
export async function debianRootfs(packagesFile: string, info: (m: string) => void): Promise<string> {
  const script = join(OFFLINE_DIR, 'debootstrap.sh');
  const hash = createHash('sha256')
    .update(await readFile(script))
    .update(await readFile(packagesFile))
    .update(version('DEBIAN_SUITE'))
    .digest('hex')
    .slice(0, 12);
  const dir = join(CACHE_DIR, 'rootfs');
  const tar = join(dir, `${version('DEBIAN_SUITE')}-${hash}.tar`);
  if (await pathExists(tar)) {
    info(`cached ${tar}`);
    return tar;
  }
  await mkdir(dir, { recursive: true });
  await run(['bash', script, tar, packagesFile], {
    timeoutMs: 30 * 60_000,
    onLine: (line) => line && info(line),
  });
  return tar;
}
