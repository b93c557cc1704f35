// The server's data dir on a small tmpfs of its own, so "the disk is full" can be made true for it alone and
// undone at once, without touching the host's disks.
import { open, rm, statfs } from 'node:fs/promises';
import { join } from 'node:path';
import { run } from '../../server/exec/run.js';

export const FILLER = 'soak-filler.bin';

export async function mountTmpfs(dir: string, sizeMiB: number): Promise<void> {
  await run(['mount', '-t', 'tmpfs', '-o', `size=${sizeMiB}m,mode=0700`, 'cks-lab-soak', dir], {
    timeoutMs: 30_000,
  });
}

export async function unmount(dir: string): Promise<void> {
  await run(['umount', dir], { timeoutMs: 30_000 });
}

export async function freeBytes(dir: string): Promise<number> {
  const stats = await statfs(dir);
  return stats.bavail * stats.bsize;
}

/** Writes a filler file until the file system answers ENOSPC; returns how many bytes it took. */
export async function fillUp(dir: string): Promise<number> {
  const file = await open(join(dir, FILLER), 'a');
  const chunk = Buffer.alloc(64 * 1024, 0x55);
  let written = 0;
  try {
    for (;;) {
      const { bytesWritten } = await file.write(chunk);
      written += bytesWritten;
      if (bytesWritten < chunk.length) break;
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    await file.close();
  }
  // tmpfs may still give out a partial page: fill that too so no write of any size fits
  const small = await open(join(dir, `${FILLER}.tail`), 'a');
  try {
    for (;;) written += (await small.write(Buffer.alloc(1, 0x55))).bytesWritten;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    await small.close();
  }
  return written;
}

export async function removeFiller(dir: string): Promise<void> {
  await rm(join(dir, FILLER), { force: true });
  await rm(join(dir, `${FILLER}.tail`), { force: true });
}
