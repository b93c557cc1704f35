/**
 * What the access and instructor routes answer, as the browser sees it (web/src/api.ts imports these). Written out
 * here rather than taken from the store's schema, so a stored field never reaches the browser by accident.
 */

import type { ExamTaskInfo } from '../labs/deps.js';
import type { LabView } from '../labs/view.js';

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

/** Where a learner stands on one scenario, from their labs of it and the Checks of those labs. */
export type CellStatus = 'not-started' | 'working' | 'failing' | 'passing';

export interface ProgressCell {
  status: CellStatus;
  /** The newest lab of this scenario (the one to watch, reset or end), if any. */
  labId: string | null;
  labState: LabView['state'] | null;
  checks: number;
  lastCheckAt: string | null;
  /** The newest Check's score, 0..100. */
  lastScore: number | null;
  bestScore: number | null;
  /** Time the learner's labs of this scenario were open (ready until ended, or until now). */
  timeSpentMs: number;
}

export interface ProgressRow {
  learnerId: string;
  name: string;
  workshopCode: string;
  revoked: boolean;
  /** One per column, in the order of ProgressGrid.scenarios. */
  cells: ProgressCell[];
}

export interface ProgressGrid {
  /** The columns: every scenario any of these learners started, in catalog order. */
  scenarios: string[];
  rows: ProgressRow[];
}

/** GET /api/history: one of the learner's labs, newest first, with how its Checks went. */
export interface HistoryEntry {
  lab: LabView;
  /** The scenario's title, or its id when it left the catalog. */
  title: string;
  checks: number;
  /** 0..100, or null before the first Check. */
  bestScore: number | null;
  lastScore: number | null;
  lastCheckAt: string | null;
  /** A Check passed every task. */
  passed: boolean;
}

/** GET /api/exams: the mock exam sets a learner can start. */
export type { ExamSetInfo as ExamSetView } from '../labs/deps.js';

/** One task as the exam page shows it (the engine's own shape: nothing in it comes from the store). */
export type { ExamTaskInfo as ExamTaskView } from '../labs/deps.js';

export interface ExamTaskResultView {
  key: string;
  title: string;
  weight: number;
  score: number;
  status: 'pass' | 'fail' | 'error';
  /** What still failed, as the learner may read it. */
  problems: string[];
}

export interface ExamResultView {
  gradedAt: string;
  percent: number;
  passed: boolean;
  /** The pass mark the result was judged by (67, as in the real exam). */
  passPercent: number;
  score: number;
  maxScore: number;
  tasks: ExamTaskResultView[];
}

/** GET /api/exams/:id: a learner's exam (a lab with exam clusters), its clock and, once over, its result. */
export interface ExamView {
  lab: LabView;
  setId: string;
  title: string;
  practice: boolean;
  minutes: number;
  clusters: number;
  startedAt: string | null;
  endsAt: string | null;
  /** The server's clock when it answered: the page counts down from endsAt corrected by the difference. */
  serverNow: string;
  tasks: ExamTaskInfo[];
  flagged: string[];
  notes: string;
  /** Set once the exam has ended and been graded. */
  result: ExamResultView | null;
  /** Markdown per scenario, only once the exam is over. */
  solutions: { scenario: string; title: string; markdown: string }[] | null;
}
