/** When work must be finished by, and the caller's signal to cancel it sooner. */
export class Deadline {
  constructor(
    readonly at: number,
    readonly signal?: AbortSignal,
    /** The clock `at` is read on; tests pass a fake one so a timeout does not depend on the machine's speed. */
    private readonly now: () => number = Date.now,
  ) {}

  static in(ms: number, signal?: AbortSignal, now: () => number = Date.now): Deadline {
    return new Deadline(now() + ms, signal, now);
  }

  remainingMs(): number {
    return Math.max(0, this.at - this.now());
  }
}

/** Resolves after ms, or early when the signal aborts: the pause between polls, never a fixed wait for a state. */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * Calls attempt until it resolves or the deadline passes; attempt throws to say "not yet, because …", and the last
 * reason explains a timeout. For states no watch can report (sshd listening inside a node).
 */
export async function pollUntil<T>(
  what: string,
  deadline: Deadline,
  attempt: () => Promise<T>,
  intervalMs = 1000,
): Promise<T> {
  for (;;) {
    let lastProblem: string;
    try {
      return await attempt();
    } catch (error) {
      lastProblem = error instanceof Error ? error.message : String(error);
    }
    if (deadline.remainingMs() === 0) throw new Error(`timed out while ${what}; last result: ${lastProblem}`);
    if (deadline.signal?.aborted) throw new Error(`cancelled while ${what}`);
    await pause(Math.min(intervalMs, deadline.remainingMs()), deadline.signal);
  }
}
