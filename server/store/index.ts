import { createAttemptRepository, type AttemptRepository } from './attempts.js';
import { openDatabase } from './database.js';
import { createLabRepository, type LabRepository } from './labs.js';
import { createLearnerRepository, type LearnerRepository } from './learners.js';
import { createPoolRepository, type PoolRepository } from './pool.js';
import type { Secrets } from './schema.js';
import { createSessionRepository, type SessionRepository } from './sessions.js';
import { createWorkshopRepository, type WorkshopRepository } from './workshops.js';

/** Everything the server persists, behind repository functions; nothing else touches the data file. */
export interface Store {
  readonly file: string;
  readonly secrets: Secrets;
  learners: LearnerRepository;
  sessions: SessionRepository;
  workshops: WorkshopRepository;
  labs: LabRepository;
  attempts: AttemptRepository;
  /** Idle clusters of the warm pool. */
  pool: PoolRepository;
}

export async function openStore(dataDir: string): Promise<Store> {
  const db = await openDatabase(dataDir);
  return {
    file: db.file,
    secrets: db.read((data) => ({ ...data.secrets })),
    learners: createLearnerRepository(db),
    sessions: createSessionRepository(db),
    workshops: createWorkshopRepository(db),
    labs: createLabRepository(db),
    attempts: createAttemptRepository(db),
    pool: createPoolRepository(db),
  };
}

export { StoreFileError } from './database.js';
export { LAB_CLUSTER_NAME } from './cluster-names.js';
export type { PoolClaim, PoolWant } from './pool.js';
export * from './schema.js';
