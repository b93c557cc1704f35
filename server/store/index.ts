import { createAttemptRepository, type AttemptRepository } from './attempts.js';
import { openDatabase, type DatabaseOptions } from './database.js';
import { createLabRepository, type LabRepository } from './labs.js';
import { createLearnerRepository, type LearnerRepository } from './learners.js';
import { createPoolRepository, type PoolRepository } from './pool.js';
import { createSessionRepository, type SessionRepository } from './sessions.js';
import { createSignInTokenRepository, type SignInTokenRepository } from './sign-in-tokens.js';
import { createWorkshopRepository, type WorkshopRepository } from './workshops.js';

/** Everything the server persists, behind repository functions; nothing else touches the data file. */
export interface Store {
  readonly file: string;
  /** The printed sign-in links (only their hashes are kept). */
  signInTokens: SignInTokenRepository;
  learners: LearnerRepository;
  sessions: SessionRepository;
  workshops: WorkshopRepository;
  labs: LabRepository;
  attempts: AttemptRepository;
  /** Idle clusters of the warm pool. */
  pool: PoolRepository;
  /** Resolves once every write asked for so far is on disk (or failed). */
  settled(): Promise<void>;
}

export async function openStore(dataDir: string, options: DatabaseOptions = {}): Promise<Store> {
  const db = await openDatabase(dataDir, options);
  // written back at once: a file from an older version loses its plain-text sign-in tokens now (they were hashed
  // on read), not at the first change
  await db.update(() => undefined);
  return {
    file: db.file,
    signInTokens: createSignInTokenRepository(db),
    learners: createLearnerRepository(db),
    sessions: createSessionRepository(db),
    workshops: createWorkshopRepository(db),
    labs: createLabRepository(db),
    attempts: createAttemptRepository(db),
    pool: createPoolRepository(db),
    settled: () => db.settled(),
  };
}

export { StoreFileError } from './database.js';
export { StoreWriteError } from './errors.js';
export type { DurableFs } from './durable-file.js';
export { EXAM_CLUSTER_NAME, LAB_CLUSTER_NAME } from './cluster-names.js';
export { DEFAULT_JOIN_CODE_HOURS, MAX_JOIN_CODE_HOURS } from './join-codes.js';
export type { PoolClaim, PoolWant } from './pool.js';
export type { SignInRole, SignInTokens } from './sign-in-tokens.js';
export { isJoinable, type ClosedWorkshop } from './workshops.js';
export * from './schema.js';
