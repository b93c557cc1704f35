import { open, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** The file operations a durable write needs; tests pass a recorder to see their order. */
export interface DurableFs {
  /** Opens path with flags ('w' or 'r') and mode; the handle can write, fsync and close. */
  open(path: string, flags: 'w' | 'r', mode?: number): Promise<DurableHandle>;
  rename(from: string, to: string): Promise<void>;
}

export interface DurableHandle {
  chmod(mode: number): Promise<void>;
  writeFile(data: string): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

export const nodeDurableFs: DurableFs = {
  open: (path, flags, mode) => open(path, flags, mode),
  rename,
};

/**
 * Replaces file with text so that a crash or power cut leaves either the old or the new content, never an empty or
 * torn file: write a temp file beside it (0600: the store holds tokens), fsync it, rename it over the file, then
 * fsync the directory so the rename itself is on disk.
 */
export async function writeFileDurably(
  file: string,
  text: string,
  fs: DurableFs = nodeDurableFs,
): Promise<void> {
  const temp = join(dirname(file), `.${basename(file)}.tmp`);
  const handle = await fs.open(temp, 'w', 0o600);
  try {
    // a temp file left by a crash keeps its old mode when reopened
    await handle.chmod(0o600);
    await handle.writeFile(text);
    // without it the rename can reach the disk before the data: after a crash the file exists but is empty
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.rename(temp, file);
  const dir = await fs.open(dirname(file), 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}
