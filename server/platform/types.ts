/**
 * The lab platform's readiness as the browser sees it (GET /api/platform and the /platform socket): whether labs
 * can get clusters yet (a Docker engine answers, this checkout's node image exists), and if not, what the server
 * is doing about it or what to run. Type-only: the web app imports it.
 */
export type PlatformState =
  /** The first look at the engine and the node image has not finished yet. */
  | 'checking'
  /** The server prepares what is missing itself (host preparation as root, the node image build). */
  | 'building'
  /** Something the server cannot do itself is missing; `problem` says what to run. It looks again by itself. */
  | 'blocked'
  /** Preparing failed; `problem` says what to run. It does not retry a build on its own. */
  | 'failed'
  | 'ready';

export interface PlatformProblem {
  /** What is wrong and what the command does, in a sentence or two. */
  message: string;
  /** What to run on the server, e.g. `sudo npx cks-lab host prepare`. */
  command: string;
}

export interface PlatformStatus {
  state: PlatformState;
  /** What is being prepared now ("building the node image") and its place among the tasks. */
  task: { label: string; index: number; total: number } | null;
  /** The task's current step, from its progress events. */
  step: { name: string; index: number; total: number; done: boolean } | null;
  /** The last line the task reported (e.g. a package being compiled). */
  detail: string | null;
  problem: PlatformProblem | null;
  /** When the server began preparing (ISO time), for an elapsed time; null when nothing was prepared. */
  startedAt: string | null;
  /** One sentence for people: what is happening and, where needed, what to run. Empty when ready. */
  summary: string;
}
