/** A fixed window per key: at most `limit` events per `windowMs`. */
export interface RateLimitOptions {
  limit: number;
  windowMs: number;
  /** Keys remembered at most; the oldest window is forgotten first, so a flood of addresses cannot grow memory. */
  maxKeys: number;
  /** The clock (tests hand in their own). */
  now?: () => number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

interface Window {
  start: number;
  count: number;
}

/** In-memory limiter keyed by client address (one server process: nothing to share). */
export class RateLimiter {
  // a Map iterates in insertion order, and a key is re-inserted when its window starts: the first is the oldest
  private readonly windows = new Map<string, Window>();
  private readonly now: () => number;

  constructor(private readonly options: RateLimitOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Whether the key may act now, without counting anything. */
  check(key: string): RateDecision {
    const window = this.current(key);
    if (!window || window.count < this.options.limit) return { allowed: true };
    return { allowed: false, retryAfterMs: window.start + this.options.windowMs - this.now() };
  }

  /** Counts one event for the key and answers whether it was within the limit. */
  take(key: string): RateDecision {
    const decision = this.check(key);
    if (!decision.allowed) return decision;
    const window = this.current(key) ?? this.open(key);
    window.count += 1;
    return decision;
  }

  /** Keys remembered right now (for tests and the bounded-memory promise). */
  get size(): number {
    return this.windows.size;
  }

  private current(key: string): Window | undefined {
    const window = this.windows.get(key);
    if (window && this.now() - window.start >= this.options.windowMs) {
      this.windows.delete(key);
      return undefined;
    }
    return window;
  }

  private open(key: string): Window {
    while (this.windows.size >= this.options.maxKeys) {
      const oldest = this.windows.keys().next().value;
      if (oldest === undefined) break;
      this.windows.delete(oldest);
    }
    const window = { start: this.now(), count: 0 };
    this.windows.set(key, window);
    return window;
  }
}
