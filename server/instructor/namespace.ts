import type { LabEvents } from '../labs/events.js';
import { INSTRUCTOR_NAMESPACE } from '../terminal/events.js';
import type { LabIoServer } from '../terminal/namespace.js';
import { refusal, requireSocketSession, type SocketSessionOptions } from '../terminal/socket-session.js';

export interface InstructorNamespaceOptions extends SocketSessionOptions {
  events: LabEvents;
  /** At most one notice per this many ms (a workshop's Checks and lab changes come in bursts). */
  throttleMs?: number;
}

/**
 * /instructor: instructors' pages hear that the progress grid changed (a lab changed state, a Check finished) and
 * fetch it again; nothing of the learners travels on this socket. Returns the unsubscribe function.
 */
export function registerInstructorNamespace(
  io: LabIoServer,
  options: InstructorNamespaceOptions,
): () => void {
  const nsp = io.of(INSTRUCTOR_NAMESPACE);
  nsp.use(requireSocketSession(options));
  nsp.use((socket, next) => {
    if (socket.data.learner.role === 'instructor') next();
    else next(refusal(403, 'forbidden', 'Only instructors follow the workshop progress.'));
  });
  const throttleMs = options.throttleMs ?? 250;
  let timer: NodeJS.Timeout | undefined;
  const unsubscribe = options.events.subscribe((event) => {
    if (event.type === 'progress' || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      nsp.emit('progress:changed');
    }, throttleMs);
    timer.unref();
  });
  return () => {
    clearTimeout(timer);
    unsubscribe();
  };
}
