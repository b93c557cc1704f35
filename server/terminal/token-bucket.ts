/** How many events may come at once (burst) and how fast the allowance comes back (one per refillEveryMs). */
export interface TokenBucketSpec {
  burst: number;
  refillEveryMs: number;
}

/** A monotonic clock in milliseconds; injectable so tests do not depend on wall-clock time. */
export type Clock = () => number;

export const monotonicClock: Clock = () => performance.now();

/** The classic rate limiter: `burst` tokens, one more every `refillEveryMs`, each event takes one. */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly spec: TokenBucketSpec,
    private readonly clock: Clock = monotonicClock,
  ) {
    if (!(spec.burst >= 1 && spec.refillEveryMs > 0)) {
      throw new Error(`token bucket: burst must be >= 1 and refillEveryMs > 0 (got ${JSON.stringify(spec)})`);
    }
    this.tokens = spec.burst;
    this.updatedAt = clock();
  }

  /** Takes a token; false (and nothing taken) when the bucket is empty. */
  take(): boolean {
    this.refill();
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Milliseconds until the next token, 0 when one is there now. */
  waitMs(): number {
    this.refill();
    return this.tokens >= 1 ? 0 : Math.ceil((1 - this.tokens) * this.spec.refillEveryMs);
  }

  /** True when the bucket has refilled completely, i.e. it remembers nothing worth keeping. */
  isFull(): boolean {
    this.refill();
    return this.tokens >= this.spec.burst;
  }

  private refill(): void {
    const now = this.clock();
    this.tokens = Math.min(this.spec.burst, this.tokens + (now - this.updatedAt) / this.spec.refillEveryMs);
    this.updatedAt = now;
  }
}

/** One bucket per key (e.g. per lab); full buckets are forgotten, so the map only holds keys that were busy. */
export class KeyedTokenBuckets {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly spec: TokenBucketSpec,
    private readonly clock: Clock = monotonicClock,
  ) {}

  take(key: string): boolean {
    this.forgetIdle();
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket(this.spec, this.clock);
      this.buckets.set(key, bucket);
    }
    return bucket.take();
  }

  waitMs(key: string): number {
    return this.buckets.get(key)?.waitMs() ?? 0;
  }

  get size(): number {
    return this.buckets.size;
  }

  private forgetIdle(): void {
    for (const [key, bucket] of this.buckets) if (bucket.isFull()) this.buckets.delete(key);
  }
}
