import type { LabView } from '../../server/labs/view.js';
import type { ScenarioDetail, ScenarioSummary } from '../../server/labs/deps.js';
import type {
  AttemptView as Attempt,
  AuthorRunResult,
  AuthorView,
  ExamSetView,
  ExamView,
  HistoryEntry,
  LearnerView,
  ProgressCell,
  ProgressGrid,
  ProgressRow,
  RevokeResult,
  WorkshopLearnerView,
  WorkshopView,
} from '../../server/http/contract.js';
import type { PlatformStatus } from '../../server/platform/types.js';

export type {
  Attempt,
  AuthorRunResult,
  AuthorView,
  ExamSetView,
  ExamView,
  HistoryEntry,
  LabView,
  PlatformStatus,
  ProgressCell,
  ProgressGrid,
  ProgressRow,
  ScenarioDetail,
  ScenarioSummary,
  WorkshopLearnerView,
  WorkshopView,
};
export type ScenarioInfo = Omit<ScenarioDetail, 'solution'>;

/** Who is signed in. */
export type Me = LearnerView;

export interface LabDetails {
  lab: LabView;
  scenario: ScenarioInfo | null;
  attempts: Attempt[];
  solution: string | null;
}

/** A refused API call, carrying the server's { error: { code, message } }. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** A non-JSON answer's text (a recording); an error answer is read as JSON like every other. */
async function requestText(path: string): Promise<string> {
  const response = await fetch(path, { credentials: 'same-origin' });
  if (response.ok) return response.text();
  const json = (await response.json().catch(() => null)) as {
    error?: { code?: string; message?: string };
  } | null;
  throw new ApiError(
    response.status,
    json?.error?.code ?? 'http_error',
    json?.error?.message ?? `The server answered ${response.status}.`,
  );
}

async function request<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 204) return undefined as T;
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (json as { error?: { code?: string; message?: string } } | null)?.error;
    throw new ApiError(
      response.status,
      error?.code ?? 'http_error',
      error?.message ?? `The server answered ${response.status}.`,
      (error ?? {}) as Record<string, unknown>,
    );
  }
  return json as T;
}

export const api = {
  me: () => request<{ learner: Me }>('GET', '/api/session').then((r) => r.learner),
  scenarios: () =>
    request<{ scenarios: ScenarioSummary[] }>('GET', '/api/scenarios').then((r) => r.scenarios),
  myLabs: () => request<{ labs: LabView[] }>('GET', '/api/labs').then((r) => r.labs),
  history: () => request<{ entries: HistoryEntry[] }>('GET', '/api/history').then((r) => r.entries),
  platform: () => request<{ platform: PlatformStatus }>('GET', '/api/platform').then((r) => r.platform),
  startLab: (scenarioId: string) =>
    request<{ lab: LabView }>('POST', '/api/labs', { scenarioId }).then((r) => r.lab),
  lab: (id: string) => request<LabDetails>('GET', `/api/labs/${encodeURIComponent(id)}`),
  check: (id: string) =>
    request<{ attempt: Attempt; solution: string | null }>(
      'POST',
      `/api/labs/${encodeURIComponent(id)}/check`,
    ),
  reset: (id: string) =>
    request<{ lab: LabView }>('POST', `/api/labs/${encodeURIComponent(id)}/reset`).then((r) => r.lab),
  end: (id: string) =>
    request<{ lab: LabView }>('POST', `/api/labs/${encodeURIComponent(id)}/end`).then((r) => r.lab),
  examSets: () => request<{ sets: ExamSetView[] }>('GET', '/api/exams').then((r) => r.sets),
  startExam: (setId: string, options: { practice: boolean; minutes: number }) =>
    request<{ lab: LabView }>('POST', '/api/exams', { setId, ...options }).then((r) => r.lab),
  exam: (id: string) => request<ExamView>('GET', `/api/exams/${encodeURIComponent(id)}`),
  saveExamAnswers: (id: string, answers: { flagged: string[]; notes: string }) =>
    request<ExamView>('PUT', `/api/exams/${encodeURIComponent(id)}/answers`, answers),
  checkExam: (id: string) =>
    request<{ attempt: Attempt }>('POST', `/api/exams/${encodeURIComponent(id)}/check`).then(
      (r) => r.attempt,
    ),
  endExam: (id: string) => request<ExamView>('POST', `/api/exams/${encodeURIComponent(id)}/end`),
  recordingUrl: (id: string) => `/api/labs/${encodeURIComponent(id)}/recording`,
  /** The lab's terminal recording (asciicast v2 text). */
  recording: (id: string) => requestText(`/api/labs/${encodeURIComponent(id)}/recording`),
  /** Author mode: null on a server that is not `scenario dev`. */
  author: () =>
    request<{ author: AuthorView }>('GET', '/api/author').then(
      (r) => r.author,
      (error: unknown) => {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      },
    ),
  authorRun: (id: string, what: { kind: 'solution' } | { kind: 'wrong'; name: string }) =>
    request<AuthorRunResult>('POST', `/api/labs/${encodeURIComponent(id)}/author/run`, what),
  join: (name: string, code: string) => request<{ learner: Me }>('POST', '/auth/join', { name, code }),
  logout: () => request<void>('POST', '/auth/logout'),
  workshops: () =>
    request<{ workshops: WorkshopView[] }>('GET', '/api/instructor/workshops').then((r) => r.workshops),
  createWorkshop: (title: string, hours: number) =>
    request<{ workshop: WorkshopView }>('POST', '/api/instructor/workshops', { title, hours }).then(
      (r) => r.workshop,
    ),
  /** Ends the workshop: the code stops working, its learners are signed out and their labs end. */
  closeWorkshop: (code: string) =>
    request<RevokeResult & { workshop: WorkshopView; learners: number }>(
      'POST',
      `/api/instructor/workshops/${encodeURIComponent(code)}/close`,
    ),
  workshopLearners: () =>
    request<{ learners: WorkshopLearnerView[] }>('GET', '/api/instructor/learners').then((r) => r.learners),
  /** Signs one learner out for good: their pages disconnect and their labs end. */
  revokeLearner: (id: string) =>
    request<RevokeResult & { learner: WorkshopLearnerView }>(
      'POST',
      `/api/instructor/learners/${encodeURIComponent(id)}/revoke`,
    ),
  /** Learners × scenarios of one workshop (or of all). */
  progress: (workshop: string) =>
    request<{ progress: ProgressGrid }>(
      'GET',
      `/api/instructor/progress?workshop=${encodeURIComponent(workshop)}`,
    ).then((r) => r.progress),
  resultsUrl: (format: 'csv' | 'json', workshop: string) =>
    `/api/instructor/results.${format}?workshop=${encodeURIComponent(workshop)}`,
  allLabs: () =>
    request<{ labs: (LabView & { learnerName: string })[] }>('GET', '/api/instructor/labs').then(
      (r) => r.labs,
    ),
};
