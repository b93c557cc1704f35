import type { ExamEngine, ScenarioEngine } from '../labs/deps.js';
import type { LabService } from '../labs/service.js';
import type { Logger } from '../log.js';
import type { PlatformReadiness } from '../platform/readiness.js';
import type { Store } from '../store/index.js';
import type { TerminalRecordings } from '../terminal/recordings.js';
import type { Revocations } from './revocations.js';
import type { SessionSockets } from './session-sockets.js';
import type { SignInThrottle } from './sign-in-throttle.js';

/** What the routers are built from (an options object, so tests hand in their own). */
export interface HttpDeps {
  store: Store;
  labs: LabService;
  scenarios: ScenarioEngine;
  logger: Logger;
  /** Whether labs can start yet (node image, Docker engine). */
  platform: PlatformReadiness;
  /** null: same-origin only (the Origin must match the Host the request was sent to). */
  allowedOrigins: readonly string[] | null;
  sessionTtlMs: number;
  /** Live sockets by session, cut when access ends. */
  sockets: SessionSockets;
  /** Sign-out, revoke, workshop close. */
  revocations: Revocations;
  /** Rate limits of sign-in links and joins. */
  signInThrottle: SignInThrottle;
  /** Mock exams; absent: the server offers none. */
  exams?: ExamEngine;
  /** The labs' terminal recordings; absent: recording is off on this server. */
  recordings?: Pick<TerminalRecordings, 'read'>;
}
