import { lstat, open, readdir } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { ImportError } from './import-error.js';
import { formatBytes } from '../../grader/output-limits.js';

/**
 * The absolute path of `rel` inside `root`, refused when it could reach anything outside the folder: absolute
 * paths, `..` segments, and symlinks anywhere on the way (a symlink could point out of the folder, and a
 * scenario has no reason to hold one). `root` itself is trusted: the user named it.
 */
export async function insidePath(root: string, rel: string, what: string): Promise<string> {
  if (rel.includes('\0') || isAbsolute(rel) || /^[a-zA-Z]:[\\/]/.test(rel) || rel.includes('\\'))
    throw new ImportError(`${what} "${rel}" must be a relative path inside ${root}`);
  const segments = rel.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.length === 0 || segments.includes('..'))
    throw new ImportError(`${what} "${rel}" must be a relative path inside ${root} (no "..")`);
  let path = root;
  for (const segment of segments) {
    path = join(path, segment);
    const info = await lstat(path).catch((error: NodeJS.ErrnoException) => error);
    if (info instanceof Error) {
      const why = info.code === 'ENOENT' ? 'does not exist' : info.message;
      throw new ImportError(`${what} "${rel}" ${why} (looked for ${path})`);
    }
    if (info.isSymbolicLink())
      throw new ImportError(
        `${what} "${rel}": ${relative(root, path)} is a symlink; copy the file in instead`,
      );
  }
  if (!path.startsWith(root + sep)) throw new ImportError(`${what} "${rel}" escapes ${root}`);
  return path;
}

/** A regular file inside root, read with a size bound checked before and while reading. */
export async function readInside(root: string, rel: string, maxBytes: number, what: string): Promise<Buffer> {
  const path = await insidePath(root, rel, what);
  const handle = await open(path, 'r');
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new ImportError(`${what} "${rel}" is not a regular file`);
    if (info.size > maxBytes)
      throw new ImportError(
        `${what} "${rel}" is ${info.size} bytes; the importer reads at most ${formatBytes(maxBytes)}`,
      );
    // read one byte more than allowed, so a file growing after the stat is still caught
    const buffer = Buffer.alloc(maxBytes + 1);
    const { bytesRead } = await handle.read(buffer, 0, maxBytes + 1, 0);
    if (bytesRead > maxBytes)
      throw new ImportError(`${what} "${rel}" is larger than ${formatBytes(maxBytes)}`);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

export async function readTextInside(
  root: string,
  rel: string,
  maxBytes: number,
  what: string,
): Promise<string> {
  const bytes = await readInside(root, rel, maxBytes, what);
  const text = bytes.toString('utf8');
  if (text.includes('\0')) throw new ImportError(`${what} "${rel}" is not a text file`);
  return text;
}

/** Names of regular files directly in a folder inside root (no recursion), symlinks refused. */
export async function listFilesInside(root: string, rel: string, what: string): Promise<string[]> {
  const folder = rel === '' || rel === '.' ? root : await insidePath(root, rel, what);
  const entries = await readdir(folder, { withFileTypes: true });
  const link = entries.find((entry) => entry.isSymbolicLink());
  if (link) throw new ImportError(`${what}: ${join(rel, link.name)} is a symlink; copy the file in instead`);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name)
    .sort();
}
