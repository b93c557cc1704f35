import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Low, type Adapter } from 'lowdb';
import { writeFileDurably, type DurableFs } from './durable-file.js';
import { StoreWriteError } from './errors.js';
import { ensurePrivateDir } from './private-dir.js';
import { storeDataSchema, type StoreData } from './schema.js';

export const DATA_FILE_NAME = 'cks-lab.json';

/** The JSON file behind every repository: reads from memory, writes one at a time, atomically and durably. */
export interface Database {
  readonly file: string;
  /** A consistent snapshot read; do not mutate what it returns. */
  read<T>(fn: (data: StoreData) => T): T;
  /**
   * Applies a synchronous mutation and persists it before resolving. All or nothing: when fn throws or the write
   * fails (StoreWriteError), memory is left exactly as it was and readers never saw the change.
   */
  update<T>(fn: (data: StoreData) => T): Promise<T>;
  /** Resolves once no write is queued or running (fire-and-forget writes included), e.g. before a shutdown. */
  settled(): Promise<void>;
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

const serialize = (data: StoreData): string => JSON.stringify(data, null, 2);

/** Replaces the data file with text; a failure (disk full, read-only mount) becomes a StoreWriteError naming it. */
function durableSaver(file: string, fs: DurableFs | undefined): (text: string) => Promise<void> {
  return async (text) => {
    try {
      await writeFileDurably(file, text, fs);
    } catch (error) {
      throw new StoreWriteError(file, error);
    }
  };
}

/** Writes only: the file is read once, by readExisting, which also validates it. */
function durableJsonFile(save: (text: string) => Promise<void>): Adapter<StoreData> {
  return {
    read: () => Promise.resolve(null),
    write: (data) => save(serialize(data)),
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
  const save = durableSaver(file, options.fs);
  const low = new Low<StoreData>(durableJsonFile(save), existing ?? freshData());
  if (!existing) await low.write();
  // what the file holds now; every update starts from a copy parsed from it
  let saved = serialize(low.data);

  let queue: Promise<unknown> = Promise.resolve();
  return {
    file,
    read: (fn) => fn(low.data),
    update<T>(fn: (data: StoreData) => T): Promise<T> {
      // the mutation runs in call order and its write is chained, so two updates never interleave
      const next = queue.then(async () => {
        // the mutation runs on a copy that replaces the data only once it is on disk: a refused write (disk full)
        // must not leave a lab "grading" or a learner in memory that the next successful write would save. The
        // copy is parsed from the text last written (about as fast as the stringify every write does anyway, and
        // several times faster than structuredClone), so memory also holds exactly what a restart would read.
        const draft = JSON.parse(saved) as StoreData;
        const result = fn(draft);
        const text = serialize(draft);
        await save(text);
        low.data = draft;
        saved = text;
        return result;
      });
      queue = next.catch(() => undefined); // one failed write must not block the next
      return next;
    },
    async settled() {
      // a write that finishes may have queued another one meanwhile
      for (let last = queue; ; last = queue) {
        await last;
        if (last === queue) return;
      }
    },
  };
}
