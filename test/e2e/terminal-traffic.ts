import type { Page, WebSocket } from 'playwright-core';

/** A socket.io event frame as it crosses the websocket: `42` [`/namespace,`] [ack id] `["name", arg…]`. */
const EVENT_FRAME = /^42(?:\/[^,]*,)?\d*(\[[\s\S]*\])$/;

/** The name and first argument of a socket.io event frame; null for any other frame (handshake, ping). */
export function socketIoEvent(payload: string | Buffer): { name: string; arg: unknown } | null {
  const json = EVENT_FRAME.exec(typeof payload === 'string' ? payload : payload.toString('utf8'))?.[1];
  if (!json) return null;
  const [name, arg] = JSON.parse(json) as unknown[];
  return typeof name === 'string' ? { name, arg } : null;
}

export interface BacklogOverflow {
  /** Output characters the page had received but not yet acknowledged (rendered) after the frame. */
  backlogChars: number;
  frameChars: number;
}

/**
 * The lab terminal's flow control seen from the page's side of its websockets, which Playwright reports frame by
 * frame: per socket, output characters received (`terminal:output`) and acknowledged (`terminal:ack`).
 *
 * The server sends a flush only while fewer than `highWater` characters are unacknowledged and pauses the shell
 * right after the one that crosses it, so after every output frame the page's backlog is at most highWater plus
 * that frame, however fast or slow the machine. A larger backlog means flow control let a flood through.
 */
export class TerminalTraffic {
  /** Output characters received while watching, over all sockets. */
  receivedChars = 0;
  worstBacklogChars = 0;
  /** The first frame after which the backlog broke the bound, if any. */
  overflow: BacklogOverflow | undefined;
  private watching = false;

  /** Call before the page opens its lab socket: frames of sockets opened earlier are not seen. */
  constructor(
    page: Page,
    private readonly highWater: number,
  ) {
    page.on('websocket', (socket) => this.follow(socket));
  }

  /** Starts (true) or stops (false) checking the bound; counting goes on regardless, so backlogs stay exact. */
  watch(on: boolean): void {
    this.watching = on;
  }

  private follow(socket: WebSocket): void {
    let received = 0;
    let acked = 0;
    socket.on('framesent', ({ payload }) => {
      const event = socketIoEvent(payload);
      if (event?.name === 'terminal:ack' && typeof event.arg === 'number') acked += event.arg;
    });
    socket.on('framereceived', ({ payload }) => {
      const event = socketIoEvent(payload);
      if (event?.name !== 'terminal:output' || typeof event.arg !== 'string') return;
      const frameChars = event.arg.length;
      received += frameChars;
      if (!this.watching) return;
      this.receivedChars += frameChars;
      const backlogChars = received - acked;
      this.worstBacklogChars = Math.max(this.worstBacklogChars, backlogChars);
      if (backlogChars > this.highWater + frameChars) this.overflow ??= { backlogChars, frameChars };
    });
  }
}
