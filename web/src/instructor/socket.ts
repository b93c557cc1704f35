import { io, type Socket } from 'socket.io-client';
import {
  INSTRUCTOR_NAMESPACE,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '../../../server/terminal/events.js';

export type InstructorSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** The instructor page's socket: 'progress:changed' whenever a lab changes or a Check finishes. */
export function connectInstructor(): InstructorSocket {
  return io(INSTRUCTOR_NAMESPACE, { transports: ['websocket'], reconnectionDelayMax: 3000 });
}
