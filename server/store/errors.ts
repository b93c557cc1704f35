import { dirname } from 'node:path';

/**
 * A change could not be saved: the data file (or the temp file beside it) could not be written. Nothing in memory
 * changed with it, so the server keeps serving what was saved before and the same change can simply be retried.
 */
export class StoreWriteError extends Error {
  /** The errno code of the failed write (ENOSPC, EROFS, EACCES, …), when there was one. */
  readonly errno: string | undefined;

  constructor(
    readonly file: string,
    cause: unknown,
    /** What the file is, for the message: the data file, or the data dir's lock file. */
    what = 'the data file',
  ) {
    const errno = errnoOf(cause);
    super(`cannot write ${what} ${file}: ${whyUnwritable(errno, cause)}. ${fixFor(errno, file)}`, {
      cause,
    });
    this.name = 'StoreWriteError';
    this.errno = errno;
  }

  /** The disk (or the user's quota) has no room left, as opposed to a read-only or forbidden directory. */
  get full(): boolean {
    return this.errno === 'ENOSPC' || this.errno === 'EDQUOT';
  }
}

/** The errno codes that mean "this directory cannot take writes now", whatever file was being written. */
export function isUnwritableErrno(error: unknown): boolean {
  return ['ENOSPC', 'EDQUOT', 'EROFS', 'EACCES', 'EPERM'].includes(errnoOf(error) ?? '');
}

function errnoOf(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

function whyUnwritable(errno: string | undefined, cause: unknown): string {
  switch (errno) {
    case 'ENOSPC':
      return 'no space left on the device (ENOSPC)';
    case 'EDQUOT':
      return 'the disk quota is used up (EDQUOT)';
    case 'EROFS':
      return 'the file system is read-only (EROFS)';
    case 'EACCES':
    case 'EPERM':
      return `permission denied (${errno})`;
    default:
      return cause instanceof Error ? cause.message : String(cause);
  }
}

function fixFor(errno: string | undefined, file: string): string {
  const dir = dirname(file);
  switch (errno) {
    case 'ENOSPC':
    case 'EDQUOT':
      return `Free space on the file system that holds ${dir} (or point CKS_LAB_DATA_DIR at a disk with room), then try again; what was saved before is kept`;
    case 'EROFS':
      return `Remount it read-write or point CKS_LAB_DATA_DIR at a writable directory`;
    case 'EACCES':
    case 'EPERM':
      return `Give the user running cks-lab write access to ${dir}, or point CKS_LAB_DATA_DIR elsewhere`;
    default:
      return `Check that ${dir} is writable and has free space`;
  }
}
