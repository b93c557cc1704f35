import type { Logger } from '../log.js';
import type { ShadowClient } from './shadows.js';
import type { TerminalStatus } from './events.js';
import type { CksSocket } from './socket-session.js';

interface EnginePacket {
  data?: unknown;
}

const packetBytes = (packet: EnginePacket): number => {
  const { data } = packet;
  if (typeof data === 'string') return Buffer.byteLength(data, 'utf8');
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return data.byteLength;
  return 0;
};

export interface SocketTerminalClient extends ShadowClient {
  /** Removes the listeners this adapter put on the connection (the socket disconnected). */
  dispose(): void;
}

/**
 * Adapts a /lab socket to the hub's TerminalClient, including what the hub needs to distrust a browser: how
 * much output the server still holds for it, and a way to cut it off.
 *
 * "Unsent" is engine.io's write buffer (packets waiting while the websocket is busy; measured with engine.io's
 * public packetCreate/flush events) plus the TCP socket's write buffer (what ws handed to Node that the kernel
 * has not taken). Both grow only when the browser stops reading: the kernel buffers fill first.
 */
export function socketTerminalClient(
  socket: CksSocket,
  options: { dropGraceMs: number; logger: Logger },
): SocketTerminalClient {
  const engine = socket.conn;
  const tcp = socket.request.socket;
  let queued = 0;
  const onPacketCreate = (packet: EnginePacket) => {
    queued += packetBytes(packet);
  };
  const onFlush = (packets: EnginePacket[]) => {
    for (const packet of packets) queued -= packetBytes(packet);
    // packets queued before this adapter listened are subtracted too: never count below nothing
    queued = Math.max(0, queued);
  };
  engine.on('packetCreate', onPacketCreate);
  engine.on('flush', onFlush);
  let dropped = false;

  const status = (value: TerminalStatus) => socket.emit('terminal:status', value);
  return {
    id: socket.id,
    output: (data) => socket.emit('terminal:output', data),
    follow: (size) => socket.emit('terminal:size', size),
    status,
    unsentBytes: () => queued + tcp.writableLength,
    onDrain(listener) {
      engine.on('drain', listener);
      tcp.on('drain', listener);
      return () => {
        engine.off('drain', listener);
        tcp.off('drain', listener);
      };
    },
    drop(message) {
      if (dropped) return;
      dropped = true;
      options.logger.warn(
        { client: socket.id, lab: socket.data.labId, message },
        'disconnecting a terminal client',
      );
      status({ state: 'error', message });
      // a server-side disconnect: the browser is told not to reconnect on its own (the message says reload)
      socket.disconnect(true);
      if (tcp.destroyed) return;
      // a browser that does not read never lets the status (or the websocket close) out: cut TCP after a grace
      const deadline = setTimeout(() => tcp.destroy(), options.dropGraceMs);
      deadline.unref();
      tcp.once('close', () => clearTimeout(deadline));
    },
    dispose() {
      engine.off('packetCreate', onPacketCreate);
      engine.off('flush', onFlush);
    },
  };
}
