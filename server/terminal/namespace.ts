import type { DefaultEventsMap, Server } from 'socket.io';
import type { LabEvent } from '../labs/events.js';
import { firstLine } from '../labs/errors.js';
import { canAccessLab } from '../labs/policy.js';
import type { LabService } from '../labs/service.js';
import type { Lab } from '../store/index.js';
import { ClientGuard } from './client-guard.js';
import {
  LAB_NAMESPACE,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type TerminalSize,
  type TerminalStatus,
} from './events.js';
import type { TerminalHub } from './hub.js';
import { socketTerminalClient } from './socket-client.js';
import {
  refusal,
  requireSocketSession,
  type CksSocket,
  type SocketData,
  type SocketSessionOptions,
} from './socket-session.js';
import { KeyedTokenBuckets } from './token-bucket.js';

/** The socket.io server type app.ts creates: event maps from events.ts, per-socket data from the handshake. */
export type LabIoServer = Server<ClientToServerEvents, ServerToClientEvents, DefaultEventsMap, SocketData>;

/** Admission (store, logger, origins, the session→sockets index) as every namespace's, plus the lab services. */
export interface LabNamespaceOptions extends SocketSessionOptions {
  labs: LabService;
  hub: TerminalHub;
}

const isSize = (value: unknown): value is TerminalSize =>
  typeof value === 'object' &&
  value !== null &&
  Number.isInteger((value as TerminalSize).rows) &&
  Number.isInteger((value as TerminalSize).cols) &&
  (value as TerminalSize).rows >= 2 &&
  (value as TerminalSize).rows <= 500 &&
  (value as TerminalSize).cols >= 2 &&
  (value as TerminalSize).cols <= 1000;

const roomOf = (labId: string): string => `lab:${labId}`;

const READ_ONLY_MESSAGE =
  "This is a read-only view of the learner's terminal: nothing typed here reaches their shell.";

const FLOOD_MESSAGE =
  'The terminal was disconnected: this page kept sending terminal events after being refused. Reload the page to reconnect.';

/**
 * The /lab namespace: a socket is admitted only with an allowed Origin, a valid session cookie and a lab the
 * learner may see (the same policy as REST); attaching the terminal needs the 'attach' permission. Attaches are
 * rate-limited per socket and per lab (each opens a shell in the node), resizes per socket; a socket that keeps
 * going after being refused is disconnected.
 */
export function registerLabNamespace(io: LabIoServer, options: LabNamespaceOptions): () => void {
  const { store, labs, hub, logger } = options;
  const nsp = io.of(LAB_NAMESPACE);
  const labAttaches = new KeyedTokenBuckets(hub.limits.attachPerLab);

  nsp.use(requireSocketSession(options));
  nsp.use((socket, next) => {
    const { learner } = socket.data;
    const labId: unknown = (socket.handshake.auth as { labId?: unknown }).labId;
    const lab = typeof labId === 'string' ? store.labs.get(labId) : undefined;
    if (!lab) {
      next(refusal(404, 'lab_not_found', `There is no lab "${String(labId)}".`));
      return;
    }
    if (!canAccessLab(learner, 'view', lab)) {
      next(refusal(403, 'forbidden', 'This lab belongs to someone else.'));
      return;
    }
    socket.data.labId = lab.id;
    next();
  });

  nsp.on('connection', (socket: CksSocket) => {
    const { learner, labId } = socket.data;
    void socket.join(roomOf(labId));
    const current = store.labs.get(labId);
    if (current) socket.emit('lab:state', labs.view(current));
    const watchers = hub.shadows.count(labId);
    if (watchers > 0) socket.emit('terminal:watchers', watchers);

    const client = socketTerminalClient(socket, { dropGraceMs: hub.limits.dropGraceMs, logger });
    const guard = new ClientGuard(hub.limits);
    const refuse = (kind: 'attach' | 'input' | 'resize', status: TerminalStatus): void => {
      const action = guard.refused(kind);
      if (action === 'drop') client.drop(FLOOD_MESSAGE);
      else if (action === 'notify') client.status(status);
    };

    socket.on('terminal:attach', (size) => {
      const lab = store.labs.get(labId);
      if (!lab || !isSize(size)) return;
      const watching = !canAccessLab(learner, 'attach', lab);
      if (watching && !canAccessLab(learner, 'watch', lab)) {
        client.status({ state: 'error', message: 'Only the owner of this lab can use its terminal.' });
        return;
      }
      if (lab.state !== 'ready' && lab.state !== 'grading') {
        client.status({
          state: 'closed',
          message: `The lab is ${lab.state}; the terminal opens when it is ready.`,
        });
        return;
      }
      // the socket's own allowance first, so one flooding socket does not use up the lab's
      if (!guard.allowAttach() || !labAttaches.take(labId)) {
        const waitS = Math.ceil(Math.max(guard.attachWaitMs(), labAttaches.waitMs(labId), 1000) / 1000);
        refuse('attach', {
          state: 'error',
          message: `The terminal was opened too often in a short time; wait ${waitS} s.`,
        });
        return;
      }
      if (watching) {
        hub.shadows.watch(client, lab);
        return;
      }
      hub.attach(client, lab, size).catch((error: unknown) => {
        logger.error({ err: error, lab: labId }, 'terminal attach failed');
        client.status({
          state: 'error',
          message: `Could not open the shell on the node: ${firstLine(error)}`,
        });
      });
    });
    socket.on('terminal:input', (data) => {
      if (typeof data !== 'string') return;
      const lab = store.labs.get(labId);
      // a watcher's keys never reach the shell: refused here, and its tmux client is read-only besides
      if (lab && !canAccessLab(learner, 'attach', lab)) {
        refuse('input', { state: 'refused', message: READ_ONLY_MESSAGE });
        return;
      }
      const result = hub.input(socket.id, data);
      if (result === 'written') guard.inputAccepted();
      else if (result !== 'not-attached') refuse('input', { state: 'refused', message: result.refused });
    });
    socket.on('terminal:resize', (size) => {
      if (!isSize(size)) return;
      if (guard.allowResize()) hub.resize(socket.id, size);
      else refuse('resize', { state: 'refused', message: 'Too many resizes.' });
    });
    socket.on('terminal:ack', (chars) => {
      if (!Number.isInteger(chars) || chars <= 0) return;
      hub.ack(socket.id, chars);
      hub.shadows.ack(socket.id, chars);
    });
    socket.on('disconnect', () => {
      hub.detach(socket.id);
      hub.shadows.unwatch(socket.id);
      client.dispose();
    });
  });

  const forward = (event: LabEvent): void => {
    if (event.type === 'lab') {
      nsp.to(roomOf(event.lab.id)).emit('lab:state', event.lab);
      const lab: Lab | undefined = store.labs.get(event.lab.id);
      if (lab) hub.labChanged(lab);
    } else if (event.type === 'progress') {
      nsp.to(roomOf(event.labId)).emit('lab:progress', event.event);
    }
  };
  return labs.events.subscribe(forward);
}

/** Tells everyone on a lab (the learner above all) how many instructors watch its terminal. */
export function announceWatchers(io: LabIoServer, labId: string, count: number): void {
  io.of(LAB_NAMESPACE).to(roomOf(labId)).emit('terminal:watchers', count);
}
