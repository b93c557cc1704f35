import { statfs } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { CheckResult, DoctorContext } from './types.js';

const NAME = 'free disk';
const RECOMMENDED_GIB = 20;
const GIB = 1024 ** 3;

/** Free space where Docker keeps images and node volumes (node images are ~1–2 GiB, each cluster more). */
export async function checkDisk(ctx: DoctorContext): Promise<CheckResult> {
  const where = ctx.engine.reachable ? ctx.engine.info.dockerRootDir : '/var/lib/docker';
  const { path, freeBytes } = await freeSpace(where);
  const free = freeBytes / GIB;
  const detail = `${free.toFixed(1)} GiB free on ${path}`;
  if (free >= RECOMMENDED_GIB) return { name: NAME, ok: true, detail };
  return {
    name: NAME,
    ok: false,
    advisory: true,
    detail: `${detail} (${RECOMMENDED_GIB} GiB recommended)`,
    fix: 'free space: docker system prune, delete unused clusters (npx cks-lab cluster list / delete)',
  };
}

/** statfs of the path, or of its nearest existing (and readable) ancestor. */
async function freeSpace(path: string): Promise<{ path: string; freeBytes: number }> {
  try {
    const stats = await statfs(path);
    return { path, freeBytes: stats.bavail * stats.bsize };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if ((code !== 'ENOENT' && code !== 'EACCES') || dirname(path) === path) throw error;
    return freeSpace(dirname(path));
  }
}
