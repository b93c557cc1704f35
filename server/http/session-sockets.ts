/** What the index needs of a socket: a way to cut it (socket.io's Socket fits). */
export interface LiveSocket {
  /** close=true also closes the underlying connection, so every namespace riding on it goes too. */
  disconnect(close: boolean): unknown;
}

/** The session a socket was admitted with. */
export interface SocketSession {
  /** The session's tokenHash. */
  key: string;
  learnerId: string;
  /** Epoch ms. */
  expiresAt: number;
}

interface Entry {
  learnerId: string;
  sockets: Set<LiveSocket>;
  timer: NodeJS.Timeout;
}

// setTimeout fires at once for delays above 2^31-1 ms (about 24.8 days): longer sessions wait in steps
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Every live socket by the session it was admitted with, on every namespace, so that sign-out, revoke, a closed
 * workshop and session expiry disconnect them at once instead of leaving a terminal open until the tab closes.
 */
export class SessionSockets {
  private readonly sessions = new Map<string, Entry>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Registers an admitted socket; the returned function forgets it (call it on disconnect; calling twice is fine). */
  add(session: SocketSession, socket: LiveSocket): () => void {
    let entry = this.sessions.get(session.key);
    if (!entry) {
      entry = { learnerId: session.learnerId, sockets: new Set(), timer: this.expiryTimer(session) };
      this.sessions.set(session.key, entry);
    }
    entry.sockets.add(socket);
    const sockets = entry.sockets;
    return () => {
      sockets.delete(socket);
      if (sockets.size === 0 && this.sessions.get(session.key)?.sockets === sockets) this.forget(session.key);
    };
  }

  /** Disconnects every socket of these sessions; answers how many were cut. */
  cut(keys: Iterable<string>): number {
    let count = 0;
    for (const key of keys) {
      const entry = this.sessions.get(key);
      if (!entry) continue;
      this.forget(key);
      for (const socket of entry.sockets) {
        socket.disconnect(true);
        count += 1;
      }
    }
    return count;
  }

  /** Learners with at least one live socket (the instructor's list shows who is connected). */
  connectedLearners(): Set<string> {
    return new Set([...this.sessions.values()].map((entry) => entry.learnerId));
  }

  /** Stops the expiry timers (server shutdown). */
  close(): void {
    for (const entry of this.sessions.values()) clearTimeout(entry.timer);
    this.sessions.clear();
  }

  private expiryTimer(session: SocketSession): NodeJS.Timeout {
    const remaining = session.expiresAt - this.now();
    const timer = setTimeout(
      () => {
        const entry = this.sessions.get(session.key);
        if (!entry) return;
        if (remaining > MAX_TIMER_MS) entry.timer = this.expiryTimer(session);
        else this.cut([session.key]);
      },
      Math.max(0, Math.min(remaining, MAX_TIMER_MS)),
    );
    timer.unref();
    return timer;
  }

  private forget(key: string): void {
    const entry = this.sessions.get(key);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.sessions.delete(key);
  }
}
