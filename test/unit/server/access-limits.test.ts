import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RateLimiter } from '../../../server/http/rate-limit.js';
import type { SignInLimits } from '../../../server/http/sign-in-throttle.js';
import { api, withServer, type TestServer } from './harness.js';

const TIGHT: SignInLimits = {
  failures: { limit: 3, windowMs: 600_000 },
  joins: { limit: 5, windowMs: 600_000 },
};

const signInWith = (t: TestServer, token: string, headers: Record<string, string> = {}) =>
  fetch(`${t.baseUrl}/?token=${encodeURIComponent(token)}`, { redirect: 'manual', headers });

const join = (t: TestServer, code: string, name = 'Ana', headers: Record<string, string> = {}) =>
  fetch(`${t.baseUrl}/auth/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ name, code }),
  });

async function workshopCode(t: TestServer): Promise<string> {
  const cookie = (await signInWith(t, t.tokens.instructor)).headers.get('set-cookie')?.split(';')[0] ?? '';
  const created = await api<{ workshop: { code: string } }>(t.baseUrl, 'POST', '/api/instructor/workshops', {
    cookie,
    body: {},
  });
  return created.body.workshop.code;
}

describe('rate limiter', () => {
  it('refuses past the limit with the time left, and allows again once the window has passed', () => {
    let now = 1_000_000;
    const limiter = new RateLimiter({ limit: 3, windowMs: 60_000, maxKeys: 10, now: () => now });
    for (let i = 0; i < 3; i++) assert.equal(limiter.take('a').allowed, true);
    now += 15_000;
    assert.deepEqual(limiter.take('a'), { allowed: false, retryAfterMs: 45_000 });
    assert.equal(limiter.take('b').allowed, true, 'another address has its own window');
    now += 45_000;
    assert.equal(limiter.take('a').allowed, true);
  });

  it('keeps memory bounded under a flood of addresses', () => {
    const limiter = new RateLimiter({ limit: 1, windowMs: 60_000, maxKeys: 100, now: () => 0 });
    for (let i = 0; i < 10_000; i++) limiter.take(`10.0.${i >> 8}.${i & 255}`);
    assert.ok(limiter.size <= 100, `remembers ${limiter.size} addresses`);
  });
});

describe('sign-in and join rate limits', () => {
  it('answers 429 with Retry-After after repeated wrong sign-in tokens, even to the right token', async () => {
    await withServer({ signInLimits: TIGHT }, async (t) => {
      for (let i = 0; i < 3; i++) assert.equal((await signInWith(t, `guess-${i}`)).status, 401);
      const blocked = await signInWith(t, 'guess-4');
      assert.equal(blocked.status, 429);
      assert.ok(Number(blocked.headers.get('retry-after')) > 0, 'Retry-After says how long');
      assert.match(await blocked.text(), /Too many sign-in attempts/);
      const right = await signInWith(t, t.tokens.access);
      assert.equal(right.status, 429, 'guessing stops: while blocked, no token is looked at');
      assert.equal(right.headers.get('set-cookie'), null);
    });
  });

  it('answers 429 after repeated wrong join codes, and bounds how many learners one address makes', async () => {
    await withServer({ signInLimits: TIGHT }, async (t) => {
      const code = await workshopCode(t);
      for (let i = 0; i < 5; i++) assert.equal((await join(t, code, `L${i}`)).status, 201);
      const sixth = await join(t, code, 'L5');
      assert.equal(sixth.status, 429, 'joins per address are limited');
      assert.equal(t.store.learners.list().filter((l) => l.origin === 'workshop').length, 5);
    });
    await withServer({ signInLimits: TIGHT }, async (t) => {
      const code = await workshopCode(t);
      for (let i = 0; i < 3; i++) assert.equal((await join(t, `wrong-code-${i}`)).status, 400);
      const blocked = await join(t, code);
      assert.equal(blocked.status, 429);
      assert.ok(Number(blocked.headers.get('retry-after')) > 0);
      const body = (await blocked.json()) as { error: { code: string; message: string } };
      assert.equal(body.error.code, 'rate_limited');
      assert.match(body.error.message, /Wait \d+ minutes|Wait a minute/);
    });
  });

  it('ignores X-Forwarded-For unless the proxy is trusted (a client cannot pick a fresh address)', async () => {
    await withServer({ signInLimits: TIGHT }, async (t) => {
      for (let i = 0; i < 3; i++) await signInWith(t, `guess-${i}`, { 'x-forwarded-for': `198.51.100.${i}` });
      const spoofed = await signInWith(t, 'guess', { 'x-forwarded-for': '198.51.100.99' });
      assert.equal(spoofed.status, 429);
    });
  });

  it('counts per client behind a trusted proxy', async () => {
    await withServer({ signInLimits: TIGHT, trustProxy: ['loopback'] }, async (t) => {
      const a = { 'x-forwarded-for': '203.0.113.1' };
      for (let i = 0; i < 3; i++) await signInWith(t, `guess-${i}`, a);
      assert.equal((await signInWith(t, 'guess', a)).status, 429, 'client A is blocked');
      const b = await signInWith(t, t.tokens.access, { 'x-forwarded-for': '203.0.113.2' });
      assert.equal(b.status, 303, 'client B behind the same proxy is not');
    });
  });
});
