import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { LabServer } from '../../app.js';
import {
  DataDirLockedError,
  LOCK_FILE_NAME,
  lockDataDir,
  type DataDirLock,
} from '../../store/data-dir-lock.js';
import { isUnwritableErrno } from '../../store/errors.js';
import { StoreFileError, StoreWriteError } from '../../store/index.js';
import { UserError } from '../user-error.js';

// What `serve` and `scenario dev` share: the data dir's lock, store errors and listening explained to the user, and
// running until a signal.

export async function lockDataDirOrExplain(dataDir: string): Promise<DataDirLock> {
  try {
    return await lockDataDir(dataDir);
  } catch (error) {
    if (error instanceof DataDirLockedError) throw new UserError(error.message);
    // the lock is the first file written: a full or read-only data dir shows here before the store is opened
    if (isUnwritableErrno(error)) {
      const lockFile = join(dataDir, LOCK_FILE_NAME);
      throw new UserError(new StoreWriteError(lockFile, error, "the data dir's lock file").message);
    }
    throw error;
  }
}

/** A damaged data file or one that cannot be written (disk full): the message names the file and the fix. */
export async function explainStoreErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof StoreFileError || error instanceof StoreWriteError)
      throw new UserError(error.message);
    throw error;
  }
}

export /** Listing clusters is the first thing start() does; without a working provider no lab could run. */
async function startOrExplain(server: LabServer, port: number, host: string): Promise<AddressInfo> {
  try {
    return await server.start(port, host);
  } catch (error) {
    await server.close();
    // reconciling the store with the clusters writes it
    if (error instanceof StoreWriteError) throw new UserError(error.message);
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new UserError(`port ${port} is in use: stop what runs there or pass --port (or PORT)`);
    }
    throw new UserError(
      `cannot start the lab server: ${message}. Run "npx cks-lab doctor" for what is missing.`,
    );
  }
}

export function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
