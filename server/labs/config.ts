/** Limits of the lab lifecycle; serve.ts fills them from the environment. */
export interface LabConfig {
  /** Server-wide cap on labs holding a cluster; further starts wait in a FIFO queue. */
  maxLabs: number;
  /** Open (queued or running) labs one learner may have. */
  labsPerLearner: number;
  /** A ready lab without activity for this long is ended and its cluster deleted. */
  idleTimeoutMs: number;
  /** Cluster + images + setup must finish within this. */
  provisionTimeoutMs: number;
  /** One Check must finish within this. */
  gradeTimeoutMs: number;
  /** How often idle labs are looked for. */
  idleSweepIntervalMs: number;
}

export const DEFAULT_LAB_CONFIG: LabConfig = {
  maxLabs: 2,
  labsPerLearner: 1,
  idleTimeoutMs: 60 * 60_000,
  provisionTimeoutMs: 20 * 60_000,
  gradeTimeoutMs: 60_000,
  idleSweepIntervalMs: 60_000,
};
