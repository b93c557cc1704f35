import assert from 'node:assert/strict';
import { once } from 'node:events';
import { Agent } from 'node:http';
import { createConnection, type NetConnectOpts, type Socket as NetSocket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { io } from 'socket.io-client';
import { MAX_INPUT_EVENT_CHARS } from '../../../server/terminal/events.js';
import type { TerminalLimits } from '../../../server/terminal/limits.js';
import type { CksSocket } from '../../../server/terminal/socket-session.js';
import { TMUX_DETACH_KEYS } from '../../../server/terminal/tmux.js';
import { chunkTerminalInput } from '../../../web/src/lab/input-chunks.js';
import type { FakeShell } from './fakes.js';
import { api, joinWorkshop, signIn, startTestServer, until, type TestServer } from './harness.js';
import { connectOutcome, nextStatus, openLabSocket, type ClientSocket } from './socket-helpers.js';

const KiB = 1024;
const MiB = 1024 * KiB;
/** Refills so slow that no token comes back while a test runs: the counts below do not depend on timing. */
const NEVER = 3_600_000;

/** Small limits so each attack is reproduced in a few MiB and well under a second. */
const LIMITS: Partial<TerminalLimits> = {
  unsentHigh: 64 * KiB,
  unsentLow: 16 * KiB,
  unsentHardCap: 1 * MiB,
  stallMs: 300,
  dropGraceMs: 200,
  maxPendingInputBytes: 256 * KiB,
  attachPerSocket: { burst: 3, refillEveryMs: NEVER },
  attachPerLab: { burst: 100, refillEveryMs: NEVER },
  resizeEvents: { burst: 10, refillEveryMs: NEVER },
  refusals: { burst: 5, refillEveryMs: NEVER },
};

interface LabFixture {
  t: TestServer;
  owner: string;
  labId: string;
}

async function serverWithReadyLab(limits: Partial<TerminalLimits>): Promise<LabFixture> {
  const t = await startTestServer({ terminalLimits: limits });
  const instructor = await signIn(t.baseUrl, t.tokens.instructor);
  const { body } = await api<{ workshop: { code: string } }>(t.baseUrl, 'POST', '/api/instructor/workshops', {
    cookie: instructor,
    body: {},
  });
  const owner = await joinWorkshop(t.baseUrl, body.workshop.code, 'Owner');
  const started = await api<{ lab: { id: string } }>(t.baseUrl, 'POST', '/api/labs', {
    cookie: owner,
    body: { scenarioId: 'demo' },
  });
  const labId = started.body.lab.id;
  await until(() => t.store.labs.get(labId)?.state === 'ready', 'the lab to be ready');
  return { t, owner, labId };
}

async function attachedSocket(f: LabFixture): Promise<{ socket: ClientSocket; shell: FakeShell }> {
  const socket = openLabSocket(f.t.baseUrl, { cookie: f.owner, origin: f.t.origin, labId: f.labId });
  assert.equal((await connectOutcome(socket)).connected, true);
  const attached = nextStatus(socket, 'attached');
  socket.emit('terminal:attach', { rows: 24, cols: 80 });
  await attached;
  return { socket, shell: f.t.shells.last() };
}

/** The server's side of a client's socket. */
function serverSocket(t: TestServer, clientId: string | undefined): CksSocket {
  const socket = clientId ? t.server.io.of('/lab').sockets.get(clientId) : undefined;
  if (!socket) throw new Error(`the server has no /lab socket ${String(clientId)}`);
  return socket;
}

/**
 * What the server holds for a client and has not handed to the kernel, read straight from engine.io's write
 * buffer and the TCP socket (not from the code under test's own accounting).
 */
function heldForClient(socket: CksSocket): number {
  const engine = socket.conn as unknown as { writeBuffer?: { data?: unknown }[] };
  let queued = 0;
  for (const packet of engine.writeBuffer ?? []) {
    if (typeof packet.data === 'string') queued += Buffer.byteLength(packet.data);
  }
  return queued + socket.request.socket.writableLength;
}

/** The reason a client socket was disconnected, or a failure when it still is not after the deadline. */
function disconnectReason(socket: ClientSocket, timeoutMs = 5000): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not disconnected within ${timeoutMs} ms`)), timeoutMs);
    socket.once('disconnect', (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}

const stillThere = (shell: FakeShell) => !shell.closed && !shell.stream.destroyed;

describe('terminal back-pressure: a browser that acknowledges output but never reads it', () => {
  let f: LabFixture;
  before(async () => (f = await serverWithReadyLab(LIMITS)));
  after(() => f.t.close({ removeData: true }));

  it('keeps what the server holds for it under the bound and disconnects it', async () => {
    // the client's TCP socket, so the test can stop reading it (a browser tab frozen, or a script)
    let clientTcp: NetSocket | undefined;
    const agent = new Agent();
    agent.createConnection = (options) => (clientTcp = createConnection(options as NetConnectOpts));
    const socket: ClientSocket = io(`${f.t.baseUrl}/lab`, {
      transports: ['websocket'],
      extraHeaders: { cookie: f.owner, origin: f.t.origin },
      auth: { labId: f.labId },
      reconnection: false,
      forceNew: true,
      // typed `string | boolean`, but in Node engine.io-client hands it to ws, which takes an http.Agent
      agent: agent as unknown as string,
    });
    assert.equal((await connectOutcome(socket)).connected, true);
    const attached = nextStatus(socket, 'attached');
    socket.emit('terminal:attach', { rows: 24, cols: 80 });
    await attached;
    const shell = f.t.shells.last();
    const server = serverSocket(f.t, socket.id);
    const serverTcp = server.request.socket;

    assert.ok(clientTcp, 'the agent saw the connection');
    clientTcp.pause();
    // the attacker acknowledges everything the server sends, at once, without reading any of it
    server.conn.on('packetCreate', () => socket.emit('terminal:ack', 1_000_000_000));

    const hardCap = LIMITS.unsentHardCap!;
    let produced = 0;
    let maxHeld = 0;
    const chunk = 'y\n'.repeat(32 * KiB); // 64 KiB of `yes`
    // the kernel's loopback buffers take a few MiB first; 64 MiB is far past them. A server that bounds nothing
    // is stopped once it holds 4x the cap: it has failed by then.
    while (stillThere(shell) && produced < 64 * MiB && maxHeld < 4 * hardCap) {
      if (shell.stream.isPaused()) {
        await Promise.race([once(shell.stream, 'resume'), once(shell.stream, 'close')]);
        continue;
      }
      shell.output(chunk);
      produced += chunk.length;
      await new Promise((resolve) => setImmediate(resolve));
      maxHeld = Math.max(maxHeld, heldForClient(server));
    }

    assert.ok(
      maxHeld > 0,
      `the kernel buffers filled up and the server had to hold output (${produced} produced)`,
    );
    assert.ok(maxHeld <= hardCap, `held at most ${hardCap} bytes for the client, held ${maxHeld}`);
    await until(
      () => !f.t.server.io.of('/lab').sockets.has(server.id),
      'the server to disconnect the client',
    );
    await until(
      () => serverTcp.destroyed,
      'the TCP connection to be cut (the client never read the goodbye)',
    );
    await until(() => shell.closed, 'the shell stream to be hung up');
    socket.close();
  });
});

describe('terminal back-pressure: input', () => {
  let f: LabFixture;
  before(async () => (f = await serverWithReadyLab(LIMITS)));
  after(() => f.t.close({ removeData: true }));

  it('refuses input a stalled shell does not take, and disconnects a browser that keeps flooding', async () => {
    f.t.shells.stallInput = true;
    const { socket, shell } = await attachedSocket(f);
    f.t.shells.stallInput = false;
    const refused = nextStatus(socket, 'refused');
    const dropped = nextStatus(socket, 'error');
    const disconnected = disconnectReason(socket);

    const chunk = 'x'.repeat(MAX_INPUT_EVENT_CHARS);
    for (let i = 0; i < 200; i++) socket.emit('terminal:input', chunk); // 3.2 MB at a shell that takes none

    assert.match(((await refused) as { message: string }).message, /not taking input/);
    assert.match(((await dropped) as { message: string }).message, /kept sending/);
    assert.equal(await disconnected, 'io server disconnect');
    // plus the keys that detach tmux, written when the server hung up on the dropped browser
    const limit = LIMITS.maxPendingInputBytes! + TMUX_DETACH_KEYS.length;
    assert.ok(
      shell.stream.writableLength <= limit,
      `at most ${limit} bytes wait for the shell, ${shell.stream.writableLength} do`,
    );
  });

  it('still takes a 300 KB paste, split by the browser into events the server accepts', async () => {
    const { socket, shell } = await attachedSocket(f);
    const refusals: unknown[] = [];
    socket.on('terminal:status', (status) => {
      if (status.state === 'refused') refusals.push(status);
    });
    // a surrogate pair (emoji) straddles the first cut; xterm hands the whole paste to onData as one string
    const paste = `${'a'.repeat(MAX_INPUT_EVENT_CHARS - 1)}😀${'kubectl get pods -A\r'.repeat(15_000)}`;
    const chunks = chunkTerminalInput(paste);
    assert.ok(
      chunks.length > 1 && chunks.every((c) => c.length <= MAX_INPUT_EVENT_CHARS),
      `the browser splits the paste into events the server takes (got ${chunks.length} of up to ${Math.max(...chunks.map((c) => c.length))} characters)`,
    );
    for (const c of chunks) socket.emit('terminal:input', c);
    await until(() => shell.input.join('').length >= paste.length, 'the whole paste to reach the shell');
    assert.equal(shell.input.join(''), paste);
    assert.deepEqual(refusals, []);
    socket.close();
  });
});

describe('terminal back-pressure: attach and resize floods', () => {
  let f: LabFixture;
  before(async () => (f = await serverWithReadyLab(LIMITS)));
  after(() => f.t.close({ removeData: true }));

  it('opens at most the allowed shells for an attach flood, refuses the rest and drops the socket', async () => {
    const socket = openLabSocket(f.t.baseUrl, { cookie: f.owner, origin: f.t.origin, labId: f.labId });
    assert.equal((await connectOutcome(socket)).connected, true);
    const openedBefore = f.t.shells.opened.length;
    const errors: string[] = [];
    socket.on('terminal:status', (status) => {
      if (status.state === 'error') errors.push(status.message);
    });
    const disconnected = disconnectReason(socket);
    for (let i = 0; i < 50; i++) socket.emit('terminal:attach', { rows: 24, cols: 80 });
    assert.equal(await disconnected, 'io server disconnect');

    const burst = LIMITS.attachPerSocket!.burst;
    assert.ok(
      f.t.shells.opened.length - openedBefore <= burst,
      `at most ${burst} shells opened, ${f.t.shells.opened.length - openedBefore} were`,
    );
    const refusals = errors.filter((m) => /opened too often/.test(m));
    assert.equal(refusals.length, LIMITS.refusals!.burst, 'each refusal up to the tolerance was answered');
    assert.match(errors.at(-1) ?? '', /kept sending/);
  });

  it('drops a socket that floods resizes (each could be a Docker API call)', async () => {
    const { socket } = await attachedSocket(f);
    const disconnected = disconnectReason(socket);
    for (let i = 0; i < 100; i++) socket.emit('terminal:resize', { rows: 24 + (i % 10), cols: 80 });
    assert.equal(await disconnected, 'io server disconnect');
  });
});

describe('terminal back-pressure: attaches per lab', () => {
  let f: LabFixture;
  before(
    async () =>
      (f = await serverWithReadyLab({
        ...LIMITS,
        attachPerSocket: { burst: 100, refillEveryMs: NEVER },
        attachPerLab: { burst: 3, refillEveryMs: NEVER },
      })),
  );
  after(() => f.t.close({ removeData: true }));

  it('counts attaches from fresh sockets against the lab, so reconnecting does not get around the limit', async () => {
    const openedBefore = f.t.shells.opened.length;
    const outcomes: string[] = [];
    for (let i = 0; i < 6; i++) {
      const socket = openLabSocket(f.t.baseUrl, { cookie: f.owner, origin: f.t.origin, labId: f.labId });
      assert.equal((await connectOutcome(socket)).connected, true);
      const answer = new Promise<string>((resolve) =>
        socket.on('terminal:status', (status) => {
          if (status.state === 'attached') resolve('attached');
          if (status.state === 'error') resolve(status.message);
        }),
      );
      socket.emit('terminal:attach', { rows: 24, cols: 80 });
      outcomes.push(await answer);
      socket.close();
    }
    assert.deepEqual(outcomes.slice(0, 3), ['attached', 'attached', 'attached']);
    for (const refusal of outcomes.slice(3)) assert.match(refusal, /opened too often/);
    assert.equal(f.t.shells.opened.length - openedBefore, 3);
  });
});
