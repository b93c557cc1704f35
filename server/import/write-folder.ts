import { lstat, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, normalize, sep } from 'node:path';
import { ImportError } from './import-error.js';

/** Files that mark a folder as a scenario the importer may replace with --force. */
const REPLACEABLE_MARKERS = ['scenario.yaml', 'IMPORT.md'];

/**
 * Writes the folder next to its destination first and renames it into place, so a failed import leaves no
 * half-written scenario; an existing folder is replaced only with `force`, and only when it is a scenario.
 */
export async function writeScenarioFolder(
  out: string,
  files: ReadonlyMap<string, string | Buffer>,
  force: boolean,
): Promise<void> {
  const existing = await lstat(out).catch(() => undefined);
  if (existing && !force)
    throw new ImportError(`${out} already exists; pass --force to replace it, or choose another --out`);
  if (existing) await assertReplaceable(out, existing.isDirectory() && !existing.isSymbolicLink());
  const parent = dirname(out);
  await mkdir(parent, { recursive: true });
  const staging = join(parent, `.${basename(out)}.import-${process.pid}-${Date.now()}`);
  try {
    for (const [file, content] of files) {
      const path = normalize(join(staging, file));
      if (!path.startsWith(staging + sep)) throw new Error(`refusing to write ${file} outside ${out}`);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, content);
    }
    if (existing) {
      const old = `${staging}.old`;
      await rename(out, old);
      await rename(staging, out);
      await rm(old, { recursive: true, force: true });
    } else await rename(staging, out);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function assertReplaceable(out: string, isFolder: boolean): Promise<void> {
  if (!isFolder) throw new ImportError(`${out} exists and is not a folder; choose another --out`);
  const entries = await readdir(out);
  if (entries.length > 0 && !REPLACEABLE_MARKERS.some((marker) => entries.includes(marker)))
    throw new ImportError(
      `${out} is not a scenario folder (no ${REPLACEABLE_MARKERS.join(' or ')}); --force replaces only a ` +
        'scenario, so choose another --out',
    );
}
