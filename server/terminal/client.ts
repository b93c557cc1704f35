import type { TerminalStatus } from './events.js';

/** One browser connection as the hub sees it (socket-client.ts adapts a socket.io socket to this). */
export interface TerminalClient {
  readonly id: string;
  output(data: string): void;
  status(status: TerminalStatus): void;
  /**
   * Bytes already emitted to this browser that the server still holds (socket.io's write buffer and the
   * websocket's): what grows when a browser acknowledges output it never reads.
   */
  unsentBytes(): number;
  /** Calls back whenever the connection has written out what it held; returns the unsubscribe. */
  onDrain(listener: () => void): () => void;
  /** Disconnects a browser that ignores the limits, after an 'error' status saying why (where it can get out). */
  drop(message: string): void;
}
