import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { Server as SocketIoServer } from 'socket.io';
import { requireSession } from './http/auth.js';
import type { HttpDeps } from './http/deps.js';
import { apiNotFound, errorHandler } from './http/errors.js';
import { HostAllowList, refuseUnknownHosts } from './http/hosts.js';
import { refuseForeignOrigins } from './http/origin.js';
import { requestIsSecure, type TrustProxy } from './http/request-security.js';
import { Revocations } from './http/revocations.js';
import { accessRouter } from './http/routes/access.js';
import { authorRouter } from './http/routes/author.js';
import { healthRouter } from './http/routes/health.js';
import { instructorRouter } from './http/routes/instructor.js';
import { labsRouter } from './http/routes/labs.js';
import { examsRouter } from './http/routes/exams.js';
import { platformRouter } from './http/routes/platform.js';
import { scenariosRouter } from './http/routes/scenarios.js';
import { sessionRouter } from './http/routes/session.js';
import { staticRouter } from './http/routes/static.js';
import { securityHeaders } from './http/security-headers.js';
import { SessionSockets } from './http/session-sockets.js';
import { SignInThrottle, type SignInLimits } from './http/sign-in-throttle.js';
import type { AuthorMode } from './labs/author-mode.js';
import type { LabConfig } from './labs/config.js';
import type { ExamEngine, LabClusterProvider, ScenarioEngine } from './labs/deps.js';
import { firstLine } from './labs/errors.js';
import { LabService, type LabPoolSettings } from './labs/service.js';
import type { Logger } from './log.js';
import { registerInstructorNamespace } from './instructor/namespace.js';
import { registerPlatformNamespace } from './platform/namespace.js';
import { PlatformReadiness } from './platform/readiness.js';
import type { Store } from './store/index.js';
import { TerminalHub } from './terminal/hub.js';
import { announceWatchers, registerLabNamespace, type LabIoServer } from './terminal/namespace.js';
import { admitHandshake, type SocketSessionOptions } from './terminal/socket-session.js';
import type { TerminalLimits } from './terminal/limits.js';
import { checkMarker, TerminalRecordings, type RecordingSettings } from './terminal/recordings.js';

export interface LabServerOptions {
  store: Store;
  provider: LabClusterProvider;
  scenarios: ScenarioEngine;
  labConfig: LabConfig;
  /** The warm cluster pool; off when absent. */
  pool?: LabPoolSettings;
  logger: Logger;
  /** null: same-origin only. */
  allowedOrigins: readonly string[] | null;
  /** Host names served besides localhost and IP literals (DNS rebinding guard); absent: none. */
  allowedHosts?: readonly string[];
  /** Express's trust proxy: false (default), a hop count, or proxy addresses/subnets (e.g. loopback). */
  trustProxy?: TrustProxySetting;
  /** Rate limits of sign-in links and joins; absent: the defaults. */
  signInLimits?: SignInLimits;
  sessionTtlMs: number;
  /** The built web app (web/dist). */
  webRoot: string;
  /**
   * Whether labs can get clusters yet (serve's platform preparation feeds it). Until it is ready the catalog is
   * served but starts answer 503, and labs open (reconcile, queue, pool) when it becomes ready. Absent: ready.
   */
  platform?: PlatformReadiness;
  /** `scenario dev`: the author's scenario folder, its lint problems and runs; absent on a normal server. */
  author?: AuthorMode;
  /** Mock exams (exam page); absent: the server offers none. */
  exams?: ExamEngine;
  /** Every lab terminal kept as asciicast (replay, download); absent: recording is off. */
  recording?: RecordingSettings;
  terminal: {
    graceMs: number;
    highWater?: number;
    lowWater?: number;
    /** Overrides of the terminal's per-browser limits (server/terminal/limits.ts). */
    limits?: Partial<TerminalLimits>;
  };
}

/** Which proxies may tell the client address and scheme (X-Forwarded-For/-Proto); see serve --trust-proxy. */
export type TrustProxySetting = false | number | readonly string[];

export interface LabServer {
  readonly httpServer: HttpServer;
  readonly labs: LabService;
  readonly hub: TerminalHub;
  readonly recordings: TerminalRecordings | undefined;
  readonly io: LabIoServer;
  readonly platform: PlatformReadiness;
  /**
   * Listens. When the platform is ready, labs open first (reconcile with existing clusters, queued labs, pool);
   * otherwise they open once it becomes ready.
   */
  start(port: number, host: string): Promise<AddressInfo>;
  close(): Promise<void>;
}

/** Composition only: builds the services and mounts the routers and the socket namespace. */
export function createLabServer(options: LabServerOptions): LabServer {
  const { store, logger } = options;
  const platform = options.platform ?? PlatformReadiness.alreadyReady();
  const labs = new LabService({
    store,
    provider: options.provider,
    scenarios: options.scenarios,
    config: options.labConfig,
    logger,
    pool: options.pool,
    platform,
    exams: options.exams,
  });
  const recordings = options.recording && new TerminalRecordings(options.recording, logger);
  const unsubscribeRecordings = recordings && recordTimeline(labs, recordings);
  const hub = new TerminalHub({
    recorder: recordings,
    provider: options.provider,
    logger,
    graceMs: options.terminal.graceMs,
    highWater: options.terminal.highWater,
    lowWater: options.terminal.lowWater,
    limits: options.terminal.limits,
    // io exists before any socket can start watching
    onWatchers: (labId, count) => announceWatchers(io, labId, count),
    onActivity: (labId) => {
      labs
        .touch(labId)
        .catch((error: unknown) => logger.warn({ err: error, lab: labId }, 'recording activity failed'));
    },
  });
  const sockets = new SessionSockets();
  const revocations = new Revocations({ store, sockets, labs, logger });
  const deps: HttpDeps = {
    store,
    labs,
    scenarios: options.scenarios,
    logger,
    platform,
    allowedOrigins: options.allowedOrigins,
    sessionTtlMs: options.sessionTtlMs,
    sockets,
    revocations,
    recordings,
    exams: options.exams,
    signInThrottle: new SignInThrottle(options.signInLimits),
  };

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy ?? false);
  const trust = app.get('trust proxy fn') as TrustProxy;
  const hosts = new HostAllowList(options.allowedHosts ?? []);
  app.use(refuseUnknownHosts(hosts));
  app.use(securityHeaders());
  app.use(healthRouter());
  app.use(express.json({ limit: '64kb' }));
  app.use(refuseForeignOrigins(options.allowedOrigins));
  app.use(accessRouter(deps));
  app.use(
    '/api',
    requireSession(store),
    sessionRouter(),
    scenariosRouter(deps),
    platformRouter(deps),
    labsRouter(deps),
    examsRouter(deps),
    instructorRouter(deps),
    ...(options.author ? [authorRouter(deps, options.author)] : []),
  );
  app.use('/api', apiNotFound);
  app.use(staticRouter(options.webRoot));
  app.use(errorHandler(logger));

  const httpServer = createServer(app);
  const socketSession: SocketSessionOptions = {
    store,
    logger,
    allowedOrigins: options.allowedOrigins,
    sockets,
    isSecure: (req) => requestIsSecure(req, trust),
  };
  // websocket only: browsers always send Origin on a websocket handshake, so the Origin check cannot be skipped;
  // and a handshake without a known Host, an allowed Origin and a session opens no connection at all
  const io: LabIoServer = new SocketIoServer(httpServer, {
    transports: ['websocket'],
    serveClient: false,
    allowRequest: admitHandshake({ ...socketSession, hosts }),
  });
  const unsubscribe = registerLabNamespace(io, { ...socketSession, labs, hub });
  const unsubscribePlatform = registerPlatformNamespace(io, { ...socketSession, readiness: platform });
  const unsubscribeInstructor = registerInstructorNamespace(io, { ...socketSession, events: labs.events });
  let stopSweeper: (() => void) | undefined;
  let stopWaiting: (() => void) | undefined;
  let closed = false;

  /** Everything that needs the clusters: reconcile them with the store, reap grace, sweep idle labs. */
  const openLabs = async (): Promise<void> => {
    await labs.reconcile();
    // after a restart nobody is attached yet: shells of learners who do not come back get reaped
    for (const lab of store.labs.active()) if (lab.state === 'ready') hub.armGrace(lab);
    if (!closed) stopSweeper = labs.startIdleSweeper();
  };

  return {
    httpServer,
    labs,
    hub,
    recordings,
    io,
    platform,
    async start(port, host) {
      await store.sessions.pruneExpired();
      await recordings?.start();
      if (platform.isReady()) await openLabs();
      else {
        stopWaiting = platform.onceReady(() => {
          if (closed) return;
          logger.info('the lab platform is ready: opening labs');
          openLabs().catch((error: unknown) => {
            logger.error({ err: error }, 'opening labs failed');
            platform.fail({
              message: `Listing the lab clusters failed: ${firstLine(error)}. Doctor says what is missing; start the server again afterwards.`,
              command: 'npx cks-lab doctor',
            });
          });
        });
      }
      await new Promise<void>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          httpServer.off('error', reject);
          resolve();
        });
      });
      return httpServer.address() as AddressInfo;
    },
    async close() {
      closed = true;
      stopWaiting?.();
      stopSweeper?.();
      unsubscribePlatform();
      unsubscribeInstructor();
      unsubscribe();
      unsubscribeRecordings?.();
      hub.close();
      await recordings?.close();
      await revocations.settle();
      await labs.close();
      sockets.close();
      await io.close(); // also closes the http server
      // the data dir's lock is released after this: no write of ours may still be on its way
      await store.settled();
    },
  };
}

/** Check results become markers on the recording's timeline; an ended lab's recording is complete. */
function recordTimeline(labs: LabService, recordings: TerminalRecordings): () => void {
  return labs.events.subscribe((event) => {
    if (event.type === 'checked') recordings.marker(event.labId, checkMarker(event.attempt));
    else if (event.type === 'lab' && event.lab.state === 'ended') void recordings.finish(event.lab.id);
  });
}
