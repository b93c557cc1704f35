import { createHash } from 'node:crypto';
import { access, mkdir, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../../server/exec/run.js';
import { OFFLINE_DIR, version } from './versions.js';

export const CACHE_DIR = process.env.CKS_LAB_CACHE_DIR ?? join(homedir(), '.cache', 'cks-lab');

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
  if (await exists(tar)) {
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

export async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
