import { io, type Socket } from 'socket.io-client';
import {
  PLATFORM_NAMESPACE,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '../../../server/terminal/events.js';

export type PlatformSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** The catalog's socket while labs cannot start yet: 'platform:status' on connect and at every change. */
export function connectPlatform(): PlatformSocket {
  return io(PLATFORM_NAMESPACE, { transports: ['websocket'], reconnectionDelayMax: 3000 });
}
