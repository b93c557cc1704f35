import { access, constants, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { cacheRoot } from '../files/cache-root.js';

/** Where `cks-lab image build` leaves the kind binaries it builds (kind-<version>). */
export function kindCacheDir(): string {
  return join(cacheRoot(), 'bin');
}

/**
 * The kind binary to use: $CKS_LAB_KIND when set (null if that is not an executable file), else the most recently
 * built ~/.cache/cks-lab/bin/kind-<hash>/kind; null when there is none.
 */
export async function findKind(env: NodeJS.ProcessEnv = process.env): Promise<string | null> {
  if (env.CKS_LAB_KIND) return (await isExecutableFile(env.CKS_LAB_KIND)) ? env.CKS_LAB_KIND : null;
  const dir = kindCacheDir();
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let newest: { path: string; mtimeMs: number } | null = null;
  for (const name of names) {
    // go-tools builds kind into kind-<hash>/kind; kind-manifests-* and builds in progress are not kind
    if (!/^kind-[0-9a-f]+$/.test(name)) continue;
    const path = join(dir, name, 'kind');
    if (!(await isExecutableFile(path))) continue;
    const { mtimeMs } = await stat(path);
    if (!newest || mtimeMs > newest.mtimeMs) newest = { path, mtimeMs };
  }
  return newest?.path ?? null;
}

async function isExecutableFile(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return (await stat(path)).isFile();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'ENOTDIR') return false;
    throw error;
  }
}
