import { PLATFORM_NAMESPACE } from '../terminal/events.js';
import type { LabIoServer } from '../terminal/namespace.js';
import { requireSocketSession, type SocketSessionOptions } from '../terminal/socket-session.js';
import type { PlatformReadiness } from './readiness.js';

/** The same admission as every namespace (origin, session, registered for cutting), plus the readiness to stream. */
export interface PlatformNamespaceOptions extends SocketSessionOptions {
  readiness: PlatformReadiness;
}

/** /platform: any signed-in page gets the readiness now and at every change; returns the unsubscribe function. */
export function registerPlatformNamespace(io: LabIoServer, options: PlatformNamespaceOptions): () => void {
  const nsp = io.of(PLATFORM_NAMESPACE);
  nsp.use(requireSocketSession(options));
  nsp.on('connection', (socket) => {
    socket.emit('platform:status', options.readiness.status());
  });
  return options.readiness.subscribe((status) => {
    nsp.emit('platform:status', status);
  });
}
