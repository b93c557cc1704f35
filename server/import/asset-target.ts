import { posix } from 'node:path';
import { ImportError } from './import-error.js';

/** Killercoda chmod values ("+x", "755") as the octal mode of a cks-lab copy step. */
export function modeFromChmod(chmod: string | undefined): string {
  if (chmod === undefined || chmod === '') return '0644';
  if (/^0?[0-7]{3}$/.test(chmod)) return chmod.padStart(4, '0');
  if (/^(a|ugo)?\+x$/.test(chmod)) return '0755';
  if (chmod === 'u+x') return '0744';
  throw new ImportError(
    `asset chmod "${chmod}" is not understood; use an octal mode such as "0755" or "+x" in index.json`,
  );
}

/** The absolute path on the node: Killercoda targets are folders ("~" is root's home). */
export function assetDestination(target: string, file: string): string {
  const folder = target === '~' ? '/root' : target.startsWith('~/') ? `/root/${target.slice(2)}` : target;
  if (!folder.startsWith('/') || folder.split('/').includes('..') || folder.includes('\0'))
    throw new ImportError(
      `asset target "${target}" must be an absolute folder on the node (or "~"), without ".."`,
    );
  return posix.join(folder, posix.basename(file));
}
