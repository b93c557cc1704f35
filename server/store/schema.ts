import { z } from 'zod';
import { DEFAULT_JOIN_CODE_HOURS } from './join-codes.js';
import { hashToken } from './tokens.js';

/** What the data file holds; parsed on load so a hand-edited or corrupt file fails with the field named. */

export const LAB_STATES = ['requested', 'provisioning', 'ready', 'grading', 'ended', 'failed'] as const;
export type LabState = (typeof LAB_STATES)[number];

/** States that hold (or are about to hold) a cluster and count against the server-wide cap. */
export const ACTIVE_LAB_STATES: readonly LabState[] = ['provisioning', 'ready', 'grading'];
/** States in which a learner "has a lab" (queued counts: they are waiting for it). */
export const OPEN_LAB_STATES: readonly LabState[] = ['requested', 'provisioning', 'ready', 'grading'];

const isoDate = z.string().min(1);

export const learnerSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  role: z.enum(['learner', 'instructor']),
  /** local = the person holding the printed access URL; workshop = joined with a code. */
  origin: z.enum(['local', 'instructor', 'workshop']),
  workshopCode: z.string().optional(),
  createdAt: isoDate,
  /** Set when an instructor revoked the learner: their sessions are gone and no session finds them again. */
  revokedAt: isoDate.optional(),
});
export type Learner = z.infer<typeof learnerSchema>;

export const sessionSchema = z.object({
  /** sha256 of the cookie value: a leaked data file does not leak live sessions. */
  tokenHash: z.string().min(1),
  learnerId: z.string().min(1),
  createdAt: isoDate,
  expiresAt: isoDate,
});
export type Session = z.infer<typeof sessionSchema>;

/** Workshops made before codes expired have no expiresAt: theirs is a default workshop day after creation. */
const legacyCodeExpiry = (createdAt: string): string =>
  new Date(Date.parse(createdAt) + DEFAULT_JOIN_CODE_HOURS * 3_600_000).toISOString();

export const workshopSchema = z
  .object({
    /** As shown (abcd-efgh-jkmn); compared in normalized form (join-codes.ts). */
    code: z.string().min(1),
    title: z.string(),
    createdBy: z.string().min(1),
    createdAt: isoDate,
    /** After this the code lets nobody join; learners who joined keep their sessions. */
    expiresAt: isoDate.optional(),
    /** Closed by the instructor: the code is dead and every learner who joined with it is signed out. */
    closedAt: isoDate.optional(),
  })
  .transform(({ expiresAt, ...workshop }) => ({
    ...workshop,
    expiresAt: expiresAt ?? legacyCodeExpiry(workshop.createdAt),
  }));
export type Workshop = z.infer<typeof workshopSchema>;

export const labProgressSchema = z.object({
  step: z.string(),
  index: z.number().int(),
  total: z.number().int(),
  done: z.boolean(),
  message: z.string().optional(),
});
export type LabProgress = z.infer<typeof labProgressSchema>;

/** Where a lab's cluster came from: created for it, taken from the warm pool, or pooled with its scenario set up. */
export const CLUSTER_SOURCES = ['created', 'pool', 'staged'] as const;
export type ClusterSource = (typeof CLUSTER_SOURCES)[number];

/** The graded outcome of one exam task, kept with the exam (scoring.ts makes it). */
export const examTaskResultSchema = z.object({
  scenario: z.string(),
  task: z.string(),
  title: z.string(),
  weight: z.number(),
  score: z.number(),
  status: z.enum(['pass', 'fail', 'error']),
  problems: z.array(z.string()),
});

export const examResultSchema = z.object({
  gradedAt: isoDate,
  percent: z.number(),
  passed: z.boolean(),
  score: z.number(),
  maxScore: z.number(),
  tasks: z.array(examTaskResultSchema),
});
export type ExamResult = z.infer<typeof examResultSchema>;

/** Most characters of an exam's notes (a scratch pad, not a file store). */
export const MAX_EXAM_NOTES = 20_000;

/**
 * A lab that is a mock exam: several linked clusters (the lab's clusterName is cluster 1, where the terminal
 * opens), a clock that starts when every cluster is set up, and the result once it is ended.
 */
export const labExamSchema = z.object({
  /** The exam set's id (A, random:42 …): the set is composed again from it after a restart. */
  setId: z.string().min(1),
  title: z.string(),
  /** Every cluster of the exam, cluster 1 first. */
  clusters: z.array(z.string().regex(/^cks-[a-z0-9]+(?:-[1-9])?$/)).min(1),
  minutes: z.number().int().positive(),
  /** Practice mode: Check is allowed during the exam. */
  practice: z.boolean(),
  /** When the clock started (every cluster set up) and when it runs out. */
  startedAt: isoDate.optional(),
  endsAt: isoDate.optional(),
  /** Task keys (scenario/task) the learner flagged for review. */
  flagged: z.array(z.string()),
  notes: z.string().max(MAX_EXAM_NOTES),
  result: examResultSchema.optional(),
});
export type LabExam = z.infer<typeof labExamSchema>;

export const labSchema = z.object({
  id: z.string().min(1),
  learnerId: z.string().min(1),
  scenarioId: z.string().min(1),
  clusterName: z.string().regex(/^cks-[a-z0-9]+$/),
  state: z.enum(LAB_STATES),
  createdAt: isoDate,
  updatedAt: isoDate,
  readyAt: isoDate.optional(),
  endedAt: isoDate.optional(),
  lastActivityAt: isoDate,
  progress: labProgressSchema.nullable(),
  /** Set once provisioning has a cluster for the lab; cleared by a reset. */
  clusterSource: z.enum(CLUSTER_SOURCES).optional(),
  /** Why the lab ended or failed, in words a learner can act on. */
  reason: z.string().optional(),
  /** Set when the lab is a mock exam. */
  exam: labExamSchema.optional(),
});
export type Lab = z.infer<typeof labSchema>;

/** creating → (staging, for a scenario's entry) → ready; only ready entries can be claimed. */
export const POOL_ENTRY_STATES = ['creating', 'staging', 'ready'] as const;
export type PoolEntryState = (typeof POOL_ENTRY_STATES)[number];

/** An idle cluster of the warm pool: owned by no lab until one claims it (and then it leaves the pool). */
export const poolEntrySchema = z.object({
  clusterName: z.string().regex(/^cks-[a-z0-9]+$/),
  nodes: z.union([z.literal(1), z.literal(2)]),
  /** Set when the entry is pre-staged: this scenario's images are loaded and its setup has run. */
  scenarioId: z.string().min(1).optional(),
  state: z.enum(POOL_ENTRY_STATES),
  createdAt: isoDate,
  readyAt: isoDate.optional(),
});
export type PoolEntry = z.infer<typeof poolEntrySchema>;

export const checkResultSchema = z.object({
  name: z.string(),
  status: z.enum(['pass', 'fail', 'error']),
  message: z.string(),
  hint: z.string().optional(),
});
export type CheckResult = z.infer<typeof checkResultSchema>;

export const taskResultSchema = z.object({
  taskId: z.string(),
  title: z.string(),
  status: z.enum(['pass', 'fail', 'error']),
  score: z.number(),
  maxScore: z.number(),
  hint: z.string().optional(),
  checks: z.array(checkResultSchema),
});
export type TaskResult = z.infer<typeof taskResultSchema>;

export const attemptSchema = z.object({
  id: z.string().min(1),
  labId: z.string().min(1),
  learnerId: z.string().min(1),
  at: isoDate,
  durationMs: z.number(),
  /** 0..100 */
  score: z.number(),
  passed: z.boolean(),
  tasks: z.array(taskResultSchema),
});
export type Attempt = z.infer<typeof attemptSchema>;

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'expected a sha256 hex digest');

/**
 * sha256 of the printed sign-in tokens, so a copied data file signs nobody in. The tokens themselves are shown
 * once, when they are made (first start, `serve --rotate-tokens`). Absent until then.
 */
const hashedSecretsSchema = z.object({
  /** Behind http://host:port/?token=… for the person who started the server. */
  accessTokenHash: sha256Hex.optional(),
  /** Behind the instructor's link: signs in with the instructor role. */
  instructorTokenHash: sha256Hex.optional(),
});

/** Data files of earlier versions kept the tokens in plain text: hashed on read, so the old links keep working. */
const plainSecretsSchema = z
  .object({ accessToken: z.string().min(16), instructorToken: z.string().min(16) })
  .transform((plain) => ({
    accessTokenHash: hashToken(plain.accessToken),
    instructorTokenHash: hashToken(plain.instructorToken),
  }));

export const secretsSchema = z.union([plainSecretsSchema, hashedSecretsSchema]);
export type Secrets = z.infer<typeof secretsSchema>;

export const storeDataSchema = z.object({
  version: z.literal(1),
  secrets: secretsSchema,
  learners: z.array(learnerSchema),
  sessions: z.array(sessionSchema),
  workshops: z.array(workshopSchema),
  labs: z.array(labSchema),
  attempts: z.array(attemptSchema),
  /** Data files written before the warm pool existed have no pool array. */
  pool: z.array(poolEntrySchema).default([]),
});
export type StoreData = z.infer<typeof storeDataSchema>;
