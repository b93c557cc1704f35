import type { Response } from 'express';
import { errorBody } from './errors.js';
import { RateLimiter, type RateDecision } from './rate-limit.js';

export interface SignInLimits {
  /** Wrong sign-in tokens and wrong join codes per client address; past it even a right one waits. */
  failures: { limit: number; windowMs: number };
  /** Joins per client address: generous, since a classroom behind one NAT joins at once. */
  joins: { limit: number; windowMs: number };
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = {
  failures: { limit: 10, windowMs: 10 * 60_000 },
  joins: { limit: 100, windowMs: 10 * 60_000 },
};

/** Addresses remembered per limiter (about 100 bytes each). */
const MAX_ADDRESSES = 10_000;

/** Rate limits of the unauthenticated doors, keyed by req.ip (which honours the trust proxy setting). */
export class SignInThrottle {
  private readonly failures: RateLimiter;
  private readonly joins: RateLimiter;

  constructor(limits: SignInLimits = DEFAULT_SIGN_IN_LIMITS, now?: () => number) {
    this.failures = new RateLimiter({ ...limits.failures, maxKeys: MAX_ADDRESSES, now });
    this.joins = new RateLimiter({ ...limits.joins, maxKeys: MAX_ADDRESSES, now });
  }

  /** Before a token is looked at. */
  signIn(address: string): RateDecision {
    return this.failures.check(address);
  }

  /** Before a join code is looked at; counts the join. */
  join(address: string): RateDecision {
    const failures = this.failures.check(address);
    return failures.allowed ? this.joins.take(address) : failures;
  }

  /** A wrong token or code. */
  failed(address: string): void {
    this.failures.take(address);
  }
}

const minutes = (ms: number): string => {
  const whole = Math.max(1, Math.ceil(ms / 60_000));
  return whole === 1 ? 'a minute' : `${whole} minutes`;
};

/** 429 with Retry-After; JSON for the API, text for a sign-in link opened in the browser. */
export function answerRateLimited(
  res: Response,
  decision: Extract<RateDecision, { allowed: false }>,
  as: 'json' | 'text',
): void {
  const message = `Too many sign-in attempts from your address. Wait ${minutes(decision.retryAfterMs)}, then try again.`;
  res.status(429).setHeader('Retry-After', String(Math.max(1, Math.ceil(decision.retryAfterMs / 1000))));
  if (as === 'json') res.json(errorBody('rate_limited', message));
  else res.type('text/plain').send(`${message}\n`);
}
