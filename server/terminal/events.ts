import type { LabView } from '../labs/view.js';
import type { PlatformStatus } from '../platform/types.js';
import type { ProgressEvent } from '../progress.js';

/**
 * The one map of socket event names, shared by the server (server/terminal) and the browser (web/src).
 * A page opens one socket per lab on this namespace: lab state and progress flow down, the terminal both ways.
 */
export const LAB_NAMESPACE = '/lab';

/**
 * The catalog's socket: the lab platform's readiness (node image build, host preparation) flows down while labs
 * cannot start yet, so Start buttons come alive without polling. Needs a session, no lab.
 */
export const PLATFORM_NAMESPACE = '/platform';

/** Instructors' pages: told when the workshop progress grid changed, to fetch it again. Instructors only. */
export const INSTRUCTOR_NAMESPACE = '/instructor';

export interface TerminalSize {
  rows: number;
  cols: number;
}

export type TerminalStatus =
  | { state: 'attached' }
  /** The shell in the node exited (e.g. the learner typed `exit`); attaching again starts a new one. */
  | { state: 'exited' }
  /** The same lab was opened in another tab or window, which took the terminal over. */
  | { state: 'replaced' }
  /** The lab is no longer ready (reset, ended): the terminal comes back when it is. */
  | { state: 'closed'; message: string }
  | { state: 'error'; message: string }
  /**
   * Something the browser sent was refused (too much input for a shell that is not reading it, too many events);
   * the terminal stays as it was. A client that keeps going is disconnected with an 'error' first.
   */
  | { state: 'refused'; message: string };

/**
 * The longest `terminal:input` the server accepts. xterm hands a whole paste to onData as one string, so the
 * browser splits it (chunkTerminalInput) into events of at most this size.
 */
export const MAX_INPUT_EVENT_CHARS = 16 * 1024;

export interface ServerToClientEvents {
  'lab:state': (lab: LabView) => void;
  'lab:progress': (event: ProgressEvent) => void;
  'terminal:output': (data: string) => void;
  'terminal:status': (status: TerminalStatus) => void;
  /** To an instructor's read-only view: the learner's terminal size, which the view draws at. */
  'terminal:size': (size: TerminalSize) => void;
  /** To everyone on the lab: how many instructors watch its terminal now (the learner sees a banner). */
  'terminal:watchers': (count: number) => void;
  /** On /instructor only: a lab changed or a Check finished; the grid is worth fetching again. */
  'progress:changed': () => void;
  /** On /platform only: sent on connect and at every change (output lines at most about once a second). */
  'platform:status': (status: PlatformStatus) => void;
}

export interface ClientToServerEvents {
  /** Opens (or reopens) the lab's shell at this size; for an instructor on someone else's lab, a read-only view. */
  'terminal:attach': (size: TerminalSize) => void;
  'terminal:input': (data: string) => void;
  'terminal:resize': (size: TerminalSize) => void;
  /** Characters of output the browser has rendered (xterm write callbacks); drives flow control. */
  'terminal:ack': (chars: number) => void;
}

/** Sent in the socket.io handshake: `io('/lab', { auth: { labId } })`. */
export interface LabSocketAuth {
  labId: string;
}

/** Data attached to a refused connection's error (socket.io `connect_error` → err.data). */
export interface ConnectRefusal {
  status: 401 | 403 | 404;
  code: string;
}
