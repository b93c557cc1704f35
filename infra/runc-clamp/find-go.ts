import { access, constants } from 'node:fs/promises';
import { delimiter, join } from 'node:path';

// Debian's golang-go and the upstream tarball install outside PATH for non-login shells.
const WELL_KNOWN_GO = ['/usr/local/go/bin/go', '/usr/lib/go/bin/go'];

/** Absolute path of a Go toolchain (PATH first, then well-known install dirs), or null. */
export async function findGo(env: NodeJS.ProcessEnv = process.env): Promise<string | null> {
  const onPath = (env.PATH ?? '')
    .split(delimiter)
    .filter(Boolean)
    .map((dir) => join(dir, 'go'));
  for (const candidate of [...onPath, ...WELL_KNOWN_GO]) {
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch (error) {
      if (
        (error as NodeJS.ErrnoException).code !== 'ENOENT' &&
        (error as NodeJS.ErrnoException).code !== 'ENOTDIR'
      ) {
        throw error;
      }
    }
  }
  return null;
}
