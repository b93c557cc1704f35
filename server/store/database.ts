import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Low, type Adapter } from 'lowdb';
import { writeFileDurably, type DurableFs } from './durable-file.js';
import { ensurePrivateDir } from './private-dir.js';
import { storeDataSchema, type StoreData } from './schema.js';

export const DATA_FILE_NAME = 'cks-lab.json';

/** The JSON file behind every repository: reads from memory, writes one at a time, atomically and durably. */
export interface Database {
  readonly file: string;
  /** A consistent snapshot read; do not mutate what it returns. */
  read<T>(fn: (data: StoreData) => T): T;
  /** Applies a synchronous mutation and persists it before resolving. */
  update<T>(fn: (data: StoreData) => T): Promise<T>;
}

export class StoreFileError extends Error {
  constructor(file: string, detail: string) {
    super(
      `the data file ${file} is not valid: ${detail}. Fix or move it away (a new one is created on start).`,
    );
    this.name = 'StoreFileError';
  }
}

function freshData(): StoreData {
  return {
    version: 1,
    secrets: {}, // the sign-in tokens are made (and printed once) by serve: only their hashes are stored
    learners: [],
    sessions: [],
    workshops: [],
    labs: [],
    attempts: [],
    pool: [],
  };
}

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

async function readExisting(file: string): Promise<StoreData | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new StoreFileError(file, (error as Error).message);
  }
  const parsed = storeDataSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new StoreFileError(
      file,
      `${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'unexpected shape'}`,
    );
  }
  return parsed.data;
}

/** Writes only: the file is read once, by readExisting, which also validates it. */
function durableJsonFile(file: string, fs: DurableFs | undefined): Adapter<StoreData> {
  return {
    read: () => Promise.resolve(null),
    write: (data) => writeFileDurably(file, JSON.stringify(data, null, 2), fs),
  };
}

export interface DatabaseOptions {
  /** File operations of the durable write; tests record them. */
  fs?: DurableFs;
}

/**
 * Opens (or creates) the data file in dataDir. It holds access tokens: the file is written 0600, and a directory
 * created here is 0700 (one that already existed keeps the mode its owner gave it).
 */
export async function openDatabase(dataDir: string, options: DatabaseOptions = {}): Promise<Database> {
  await ensurePrivateDir(dataDir);
  const file = join(dataDir, DATA_FILE_NAME);
  const existing = await readExisting(file);
  const low = new Low<StoreData>(durableJsonFile(file, options.fs), existing ?? freshData());
  if (!existing) await low.write();

  let queue: Promise<unknown> = Promise.resolve();
  return {
    file,
    read: (fn) => fn(low.data),
    update<T>(fn: (data: StoreData) => T): Promise<T> {
      // the mutation runs in call order and its write is chained, so two updates never interleave
      const next = queue.then(async () => {
        const result = fn(low.data);
        await low.write();
        return result;
      });
      queue = next.catch(() => undefined); // one failed write must not block the next
      return next;
    },
  };
}
