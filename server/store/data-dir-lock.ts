import { readFileSync, unlinkSync } from 'node:fs';
import { open, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { ensurePrivateDir } from './private-dir.js';

export const LOCK_FILE_NAME = 'cks-lab.lock';

/** Another live process holds the data dir: two servers on one store would each reconcile away the other's labs. */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holderPid: number,
    readonly lockFile: string,
  ) {
    super(
      `the data dir ${dataDir} is in use by another cks-lab server (pid ${holderPid}): stop that one first, or give ` +
        `this one its own CKS_LAB_DATA_DIR. If no cks-lab server runs, delete ${lockFile}`,
    );
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  readonly file: string;
  /** Removes the lock file if it is still this process's; safe to call twice. */
  release(): void;
}

export interface LockOptions {
  /** This process's pid (tests stand in for another process). */
  pid?: number;
  /** Whether a pid belongs to a running process; replaceable in tests. */
  isAlive?: (pid: number) => boolean;
}

/** kill(pid, 0) delivers nothing: it only asks whether the process exists (EPERM: it does, as another user). */
export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the data dir for this process before anything reads or changes it: the lock file (created exclusively)
 * holds the owner's pid. A lock whose pid is dead is stale (a crash, a kill -9) and is taken over; so is one with
 * this process's own pid, which a restarted container reuses. Throws DataDirLockedError while another process runs.
 */
export async function lockDataDir(dataDir: string, options: LockOptions = {}): Promise<DataDirLock> {
  const pid = options.pid ?? process.pid;
  const isAlive = options.isAlive ?? processIsAlive;
  await ensurePrivateDir(dataDir);
  const file = join(dataDir, LOCK_FILE_NAME);
  const owner = { dataDir, file, pid, isAlive };
  // each pass creates the lock, finds a live owner, or clears one stale lock and looks again
  for (let attempt = 0; attempt < 5; attempt += 1) {
    if (await createExclusively(file, pid)) return heldLock(file, pid);
    const text = await readLockText(file);
    if (text === null) continue; // released between our create and read
    refuseIfHeld(owner, text);
    await removeStaleLock(owner, text);
  }
  throw new Error(`could not take the lock ${file}: other processes keep replacing it; try again`);
}

interface Owner {
  dataDir: string;
  file: string;
  pid: number;
  isAlive: (pid: number) => boolean;
}

function refuseIfHeld(owner: Owner, text: string): void {
  const holder = parsePid(text);
  if (holder !== null && holder !== owner.pid && owner.isAlive(holder)) {
    throw new DataDirLockedError(owner.dataDir, holder, owner.file);
  }
}

/**
 * Deletes a stale lock under a second, exclusive "takeover" lock: without it two servers starting together could
 * both judge the old lock stale, and the slower one would delete the lock the faster one had just made.
 */
async function removeStaleLock(owner: Owner, staleText: string): Promise<void> {
  const guard = `${owner.file}.takeover`;
  if (!(await createExclusively(guard, owner.pid))) {
    const text = await readLockText(guard);
    if (text === null) return;
    // another server is starting on this dir right now
    refuseIfHeld(owner, text);
    // a takeover cut short by a crash
    await unlink(guard).catch(ignoreMissing);
    return;
  }
  try {
    if ((await readLockText(owner.file)) === staleText) await unlink(owner.file).catch(ignoreMissing);
  } finally {
    await unlink(guard).catch(ignoreMissing);
  }
}

async function createExclusively(file: string, pid: number): Promise<boolean> {
  try {
    const handle = await open(file, 'wx', 0o600);
    try {
      await handle.writeFile(`${pid}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

async function readLockText(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** A pid, or null for a file a crash left empty or torn (stale by definition). */
function parsePid(text: string): number | null {
  const match = /^(\d+)\n?$/.exec(text);
  return match ? Number(match[1]) : null;
}

function ignoreMissing(error: unknown): void {
  if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
}

function heldLock(file: string, pid: number): DataDirLock {
  let released = false;
  // synchronous: it also runs from process 'exit', where nothing asynchronous completes
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    try {
      if (parsePid(readFileSync(file, 'utf8')) === pid) unlinkSync(file);
    } catch (error) {
      // gone already (removed by hand): nothing is left to release
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  };
  process.on('exit', release);
  return { file, release };
}
