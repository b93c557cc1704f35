/**
 * What the access and instructor routes answer, as the browser sees it (web/src/api.ts imports these). Written out
 * here rather than taken from the store's schema, so a stored field never reaches the browser by accident.
 */

export interface LearnerView {
  id: string;
  name: string;
  role: 'learner' | 'instructor';
}

export interface WorkshopView {
  /** As shown and typed: abcd-efgh-jkmn. */
  code: string;
  title: string;
  createdAt: string;
  /** After this the code lets nobody new join. */
  expiresAt: string;
  closedAt: string | null;
  /** Not closed and not expired. */
  joinable: boolean;
}

/** A learner who joined a workshop, for the instructor's list. */
export interface WorkshopLearnerView {
  id: string;
  name: string;
  workshopCode: string;
  joinedAt: string;
  /** Set once signed out by the instructor or by closing the workshop. */
  revokedAt: string | null;
  /** Has a page open right now (a live socket). */
  connected: boolean;
  /** Labs queued or running. */
  openLabs: number;
}

export interface RevokeResult {
  /** Live sockets (open lab pages) disconnected. */
  socketsCut: number;
  /** Labs that are being ended. */
  labsEnding: string[];
}

/** One check's outcome in a graded attempt, as the lab page shows it. */
export interface CheckResultView {
  name: string;
  status: 'pass' | 'fail' | 'error';
  message: string;
  hint?: string;
}

export interface TaskResultView {
  taskId: string;
  title: string;
  status: 'pass' | 'fail' | 'error';
  score: number;
  maxScore: number;
  hint?: string;
  checks: CheckResultView[];
}

/** A graded attempt (a press of Check); the learner's id stays on the server. */
export interface AttemptView {
  id: string;
  labId: string;
  at: string;
  durationMs: number;
  /** 0..100 */
  score: number;
  passed: boolean;
  tasks: TaskResultView[];
}

/** GET /api/author (`scenario dev` only): what the lab page shows an author. */
export type { AuthorView } from '../labs/author-mode.js';

/** POST /api/labs/:id/author/run: the steps ran (ok) or one failed (its first line). */
export type AuthorRunResult = { ok: true; durationMs: number } | { ok: false; message: string };
