import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { pino } from 'pino';
import { io } from 'socket.io-client';
import { withServer, type TestServer } from './harness.js';

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request with headers fetch() will not let us set (Host) or paths it would normalise (//, \). */
function raw(t: TestServer, path: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  const { hostname, port } = new URL(t.baseUrl);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** An engine.io websocket handshake; 101 when a connection was opened, else the refusal the server wrote. */
function handshake(
  t: TestServer,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(t.baseUrl);
  return new Promise((resolve, reject) => {
    const req = request({
      hostname,
      port,
      path: '/socket.io/?EIO=4&transport=websocket',
      headers: {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': randomBytes(16).toString('base64'),
        ...headers,
      },
    });
    req.on('upgrade', (_res, socket) => {
      socket.destroy();
      resolve({ status: 101, body: '' });
    });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const cookieOf = (answer: RawAnswer): string => {
  const header = answer.headers['set-cookie'];
  return (Array.isArray(header) ? header[0] : header) ?? '';
};

describe('HTTP hardening', () => {
  it('refuses Host names it does not serve (DNS rebinding) with 421, on pages, the API and sockets', async () => {
    await withServer({ allowedHosts: ['lab.example.org'] }, async (t) => {
      const { port } = new URL(t.baseUrl);
      const rebound = await raw(t, '/healthz', { host: `evil.example:${port}` });
      assert.equal(rebound.status, 421);
      assert.match(
        rebound.body,
        /does not answer to the name \\?"evil\.example\\?".*--allowed-hosts evil\.example/,
      );
      assert.equal(
        (await raw(t, `/?token=${t.tokens.access}`, { host: `evil.example:${port}` })).status,
        421,
      );
      const socket = await handshake(t, {
        host: `evil.example:${port}`,
        origin: `http://evil.example:${port}`,
      });
      assert.equal(socket.status, 400);
      assert.match(socket.body, /unknown_host/);
      for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, 'lab.example.org']) {
        assert.equal((await raw(t, '/healthz', { host })).status, 200, host);
      }
    });
  });

  it('never redirects off-site after a sign-in (//evil.example/?token=…)', async () => {
    await withServer({}, async (t) => {
      for (const path of ['//evil.example/', '/\\evil.example/', '//evil.example/%2e%2e']) {
        const answer = await raw(t, `${path}?token=${t.tokens.access}`);
        assert.equal(answer.status, 303, path);
        assert.equal(answer.headers.location, '/', `${path} → ${String(answer.headers.location)}`);
      }
      const deep = await raw(t, `/labs/abc12345?token=${t.tokens.access}`);
      assert.equal(deep.headers.location, '/labs/abc12345', 'a deep link still lands where it pointed');
    });
  });

  it('behind a trusted TLS proxy: a __Host- Secure cookie and HSTS; the bare cookie is refused over HTTPS', async () => {
    await withServer({ trustProxy: ['loopback'] }, async (t) => {
      const https = { 'x-forwarded-proto': 'https' };
      const signIn = await raw(t, `/?token=${t.tokens.access}`, https);
      const setCookie = cookieOf(signIn);
      assert.match(setCookie, /^__Host-cks_lab_session=[\w-]+;/);
      assert.match(setCookie, /; Secure/);
      assert.match(setCookie, /Path=\//);
      assert.doesNotMatch(setCookie, /Domain=/i);
      assert.equal(signIn.headers['strict-transport-security'], 'max-age=31536000');
      const secureCookie = setCookie.split(';')[0] ?? '';
      assert.equal((await raw(t, '/api/session', { ...https, cookie: secureCookie })).status, 200);

      // a cookie planted over plain HTTP (bare name) must not become a session on the HTTPS site
      const plain = cookieOf(await raw(t, `/?token=${t.tokens.access}`)).split(';')[0] ?? '';
      assert.match(plain, /^cks_lab_session=/);
      assert.equal((await raw(t, '/api/session', { ...https, cookie: plain })).status, 401);

      // the socket reads the same cookie as REST does
      const { host } = new URL(t.baseUrl);
      const socket = io(`${t.baseUrl}/platform`, {
        transports: ['websocket'],
        extraHeaders: { cookie: secureCookie, origin: `https://${host}`, 'x-forwarded-proto': 'https' },
        reconnection: false,
        forceNew: true,
      });
      const outcome = await new Promise<string>((resolve) => {
        socket.once('connect', () => resolve('connected'));
        socket.once('connect_error', (error) => resolve(error.message));
      });
      socket.close();
      assert.equal(outcome, 'connected');
    });
  });

  it('ignores X-Forwarded-Proto from an untrusted client: no __Host- cookie, no HSTS', async () => {
    await withServer({}, async (t) => {
      const answer = await raw(t, `/?token=${t.tokens.access}`, { 'x-forwarded-proto': 'https' });
      assert.match(cookieOf(answer), /^cks_lab_session=/);
      assert.doesNotMatch(cookieOf(answer), /Secure/);
      assert.equal(answer.headers['strict-transport-security'], undefined);
    });
  });

  it('keeps the sign-in token out of the log when the sign-in fails on the server', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    let token = '';
    await withServer({ logger: pino({ level: 'info' }, sink) }, async (t) => {
      token = t.tokens.access;
      t.store.sessions.create = () => Promise.reject(new Error('disk full'));
      // the second spelling is the same parameter to the query parser, so redacting only "token=" is not enough
      for (const key of ['token', '%74oken']) {
        const answer = await raw(t, `/labs/x?${key}=${token}`);
        assert.equal(answer.status, 500, key);
      }
    });
    const failures = lines.filter((line) => line.includes('request failed'));
    assert.equal(failures.length, 2, 'both failures are logged');
    assert.equal(lines.join('').includes(token), false, `no token in the log:\n${lines.join('')}`);
  });

  it('opens no engine.io connection without an allowed Origin and a session', async () => {
    await withServer({}, async (t) => {
      const cookie = cookieOf(await raw(t, `/?token=${t.tokens.access}`)).split(';')[0] ?? '';
      const cases: [string, Record<string, string>, RegExp][] = [
        ['no Origin', { cookie }, /origin_refused/],
        ['a foreign Origin', { cookie, origin: 'http://evil.example' }, /origin_refused/],
        ['no session', { origin: t.origin }, /unauthenticated/],
        ['a made-up session', { origin: t.origin, cookie: 'cks_lab_session=forged' }, /unauthenticated/],
      ];
      for (const [what, headers, reason] of cases) {
        const answer = await handshake(t, headers);
        assert.equal(answer.status, 400, what);
        assert.match(answer.body, reason, what);
      }
      assert.equal(t.server.io.engine.clientsCount, 0, 'no connection was opened for any of them');
      assert.equal(
        (await handshake(t, { cookie, origin: t.origin })).status,
        101,
        'a signed-in page connects',
      );
    });
  });
});
