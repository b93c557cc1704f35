import { createHash } from 'node:crypto';
import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

export interface FolderFingerprint {
  /** Equal values: nothing under the folder was added, removed, renamed or rewritten. */
  value: string;
  /** More than maxEntries entries: the ones past the limit are not covered. */
  truncated: boolean;
}

export const DEFAULT_MAX_ENTRIES = 10_000;

/**
 * A cheap summary of everything under root: each entry's path, size, mtime, ctime and inode (ctime and inode catch
 * a save that keeps size and mtime, e.g. a rename over the file). Only stats, never reads a file, so checking it
 * costs far less than loading. Folders
 * reached through a symlink are not followed (no loops), and at most maxEntries entries are looked at, so a huge
 * folder cannot make each check expensive. Rejects only when root itself cannot be listed.
 */
export async function folderFingerprint(
  root: string,
  maxEntries = DEFAULT_MAX_ENTRIES,
): Promise<FolderFingerprint> {
  const hash = createHash('sha256');
  let budget = maxEntries;
  let truncated = false;
  const pending: string[] = [''];
  for (let folder = pending.shift(); folder !== undefined; folder = pending.shift()) {
    const listed = await readdir(join(root, folder), { withFileTypes: true }).catch(
      (error: NodeJS.ErrnoException) => error,
    );
    if (listed instanceof Error) {
      if (folder === '') throw listed;
      // a folder removed or made unreadable since its parent was listed is a change like any other
      hash.update(`${folder}\0!${listed.code ?? listed.message}\n`);
      continue;
    }
    const entries = listed.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    if (entries.length > budget) truncated = true;
    const kept = entries.slice(0, budget);
    budget -= kept.length;
    const lines = await Promise.all(kept.map((entry) => describe(root, join(folder, entry.name), entry)));
    for (const line of lines) hash.update(line);
    for (const entry of kept) if (entry.isDirectory()) pending.push(join(folder, entry.name));
  }
  return { value: hash.digest('hex'), truncated };
}

async function describe(root: string, path: string, entry: Dirent): Promise<string> {
  // stat follows a symlinked file, so editing the file it points to counts too
  const info = await stat(join(root, path)).catch((error: NodeJS.ErrnoException) => error);
  if (info instanceof Error) return `${path}\0!${info.code ?? info.message}\n`;
  const kind = entry.isDirectory() ? 'd' : entry.isSymbolicLink() ? 'l' : 'f';
  return `${path}\0${kind}\0${info.size}\0${info.mtimeMs}\0${info.ctimeMs}\0${info.ino}\n`;
}
