import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TMUX_ATTACH_ARGV, TMUX_DETACH_KEYS } from '../../../server/terminal/tmux.js';
import { api, joinWorkshop, signIn, startTestServer, until, type TestServer } from './harness.js';
import type { TerminalStatus } from '../../../server/terminal/events.js';
import {
  collectOutput,
  connectOutcome,
  nextStatus,
  openLabSocket,
  type ClientSocket,
} from './socket-helpers.js';

/** The next terminal:status of any state, or a rejection naming the tab that got none. */
function firstStatus(socket: ClientSocket, tab: string, timeoutMs = 5000): Promise<TerminalStatus> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${tab} got no terminal:status in ${timeoutMs} ms`)),
      timeoutMs,
    );
    socket.once('terminal:status', (status) => {
      clearTimeout(timer);
      resolve(status);
    });
  });
}

describe('lab socket: admission and the terminal', () => {
  let t: TestServer;
  let owner: string;
  let other: string;
  let labId: string;

  before(async () => {
    t = await startTestServer({ graceMs: 200, highWater: 1000, lowWater: 100 });
    const instructor = await signIn(t.baseUrl, t.tokens.instructor);
    const { body } = await api<{ workshop: { code: string } }>(
      t.baseUrl,
      'POST',
      '/api/instructor/workshops',
      {
        cookie: instructor,
        body: {},
      },
    );
    owner = await joinWorkshop(t.baseUrl, body.workshop.code, 'Owner');
    other = await joinWorkshop(t.baseUrl, body.workshop.code, 'Other');
    const started = await api<{ lab: { id: string } }>(t.baseUrl, 'POST', '/api/labs', {
      cookie: owner,
      body: { scenarioId: 'demo' },
    });
    labId = started.body.lab.id;
    await until(() => t.store.labs.get(labId)?.state === 'ready', 'the lab to be ready');
  });
  after(() => t.close({ removeData: true }));

  it('refuses a socket without a session', async () => {
    const socket = openLabSocket(t.baseUrl, { origin: t.origin, labId });
    const outcome = await connectOutcome(socket);
    socket.close();
    assert.equal(outcome.connected, false);
    // refused at the engine.io handshake (no connection is opened): http-hardening.test.ts reads the reason
    assert.equal(!outcome.connected && outcome.error.message, 'websocket error');
  });

  it('refuses a socket from a foreign Origin even with a valid session', async () => {
    const socket = openLabSocket(t.baseUrl, { cookie: owner, origin: 'http://evil.example', labId });
    const outcome = await connectOutcome(socket);
    socket.close();
    assert.equal(outcome.connected, false);
    assert.equal(!outcome.connected && outcome.error.message, 'websocket error');
  });

  it('refuses a socket without an Origin header and the polling transport', async () => {
    const noOrigin = openLabSocket(t.baseUrl, { cookie: owner, labId });
    assert.equal((await connectOutcome(noOrigin)).connected, false);
    noOrigin.close();
    const polling = openLabSocket(t.baseUrl, {
      cookie: owner,
      origin: t.origin,
      labId,
      transports: ['polling'],
    });
    assert.equal((await connectOutcome(polling)).connected, false);
    polling.close();
  });

  it("refuses learner B's socket on learner A's lab with 403", async () => {
    const socket = openLabSocket(t.baseUrl, { cookie: other, origin: t.origin, labId });
    const outcome = await connectOutcome(socket);
    socket.close();
    assert.equal(outcome.connected, false);
    assert.equal(!outcome.connected && outcome.error.data?.status, 403);
    assert.equal(t.shells.opened.length, 0, 'no shell was opened for B');
  });

  it('attaches the owner to tmux on the control-plane node and pipes both ways, UTF-8 intact', async () => {
    const socket = openLabSocket(t.baseUrl, { cookie: owner, origin: t.origin, labId });
    const state = new Promise((resolve) => socket.once('lab:state', resolve));
    assert.equal((await connectOutcome(socket)).connected, true);
    assert.deepEqual(((await state) as { state: string }).state, 'ready');
    const output = collectOutput(socket);
    const attached = nextStatus(socket, 'attached');
    socket.emit('terminal:attach', { rows: 30, cols: 100 });
    await attached;
    const shell = t.shells.last();
    assert.equal(shell.options.container, `cks-${labId}-control-plane`);
    assert.deepEqual(shell.options.argv, TMUX_ATTACH_ARGV);
    assert.equal(shell.options.env.KUBECONFIG, '/etc/kubernetes/admin.conf');

    socket.emit('terminal:input', 'kubectl get ns\r');
    await until(() => shell.input.join('') === 'kubectl get ns\r', 'input to reach the shell');
    // "é" (c3 a9) and "✓" (e2 9c 93) split across chunks must arrive whole
    shell.output(Buffer.from([0x72, 0xc3]));
    shell.output(Buffer.from([0xa9, 0x20, 0xe2, 0x9c]));
    shell.output(Buffer.from([0x93, 0x0a]));
    await until(() => output.text() === 'ré ✓\n', 'decoded output');

    socket.emit('terminal:resize', { rows: 40, cols: 120 });
    await until(() => shell.resizes.some((s) => s.rows === 40 && s.cols === 120), 'the resize');
    socket.close();
    await until(() => shell.closed, 'the stream to close when the browser leaves');
    assert.equal(shell.input.at(-1), TMUX_DETACH_KEYS, 'tmux was told to detach this client');
  });

  it('pauses the node stream above the high watermark and resumes after acks', async () => {
    const socket = openLabSocket(t.baseUrl, { cookie: owner, origin: t.origin, labId });
    assert.equal((await connectOutcome(socket)).connected, true);
    let received = '';
    socket.on('terminal:output', (data) => (received += data));
    const attached = nextStatus(socket, 'attached');
    socket.emit('terminal:attach', { rows: 24, cols: 80 });
    await attached;
    const shell = t.shells.last();
    shell.output('y\n'.repeat(1000)); // 2000 chars > highWater 1000, no acks yet
    await until(() => shell.stream.isPaused(), 'the stream to pause');
    await until(() => received.length === 2000, 'the output sent before pausing');
    socket.emit('terminal:ack', 1950); // 50 unacked < lowWater 100
    await until(() => !shell.stream.isPaused(), 'the stream to resume under the low watermark');
    socket.close();
  });

  it('reaps the tmux session when nobody comes back within the grace period', async () => {
    const execsBefore = t.provider.execs.length;
    const socket = openLabSocket(t.baseUrl, { cookie: owner, origin: t.origin, labId });
    await connectOutcome(socket);
    const attached = nextStatus(socket, 'attached');
    socket.emit('terminal:attach', { rows: 24, cols: 80 });
    await attached;
    socket.close();
    await until(
      () => t.provider.execs.slice(execsBefore).some((e) => e.argv.join(' ') === 'tmux kill-session -t lab'),
      'tmux kill-session after the grace period',
    );
  });

  it('keeps the shell when the page comes back within the grace period, and hands it to the newest tab', async () => {
    const first = openLabSocket(t.baseUrl, { cookie: owner, origin: t.origin, labId });
    await connectOutcome(first);
    const firstAttached = nextStatus(first, 'attached');
    first.emit('terminal:attach', { rows: 24, cols: 80 });
    await firstAttached;
    const execsBefore = t.provider.execs.length;
    const second = openLabSocket(t.baseUrl, { cookie: owner, origin: t.origin, labId });
    await connectOutcome(second);
    const replaced = nextStatus(first, 'replaced');
    const secondAttached = nextStatus(second, 'attached');
    second.emit('terminal:attach', { rows: 24, cols: 80 });
    await Promise.all([replaced, secondAttached]);
    first.close();
    await until(() => t.server.io.of('/lab').sockets.size === 1, 'the server to see the first tab leave');
    // the first tab's departure must not arm the reaper: the second one holds the shell
    assert.equal(t.server.hub.isReapScheduled(labId), false);
    assert.equal(t.server.hub.isAttached(labId), true);
    assert.equal(t.provider.execs.length, execsBefore);
    second.close();
    await until(() => t.server.hub.isReapScheduled(labId), 'the reaper to be armed once the last tab left');
  });

  it('gives both of two tabs attaching at once a status: the older is replaced, the newer keeps the shell', async () => {
    const tabs = [
      openLabSocket(t.baseUrl, { cookie: owner, origin: t.origin, labId }),
      openLabSocket(t.baseUrl, { cookie: owner, origin: t.origin, labId }),
    ];
    await Promise.all(tabs.map(connectOutcome));
    let openShells!: () => void;
    t.shells.gate = new Promise((resolve) => (openShells = resolve)); // the Docker engine is slow
    const opened = t.shells.opened.length;
    try {
      const statuses = tabs.map((tab, i) => firstStatus(tab, `tab ${i}`));
      for (const tab of tabs) tab.emit('terminal:attach', { rows: 24, cols: 80 });
      // whichever attach reached the server first is the older one: it hears 'replaced' before any shell opens
      const loser = await Promise.race(statuses.map((status, i) => status.then(() => i)));
      assert.equal((await statuses[loser]!).state, 'replaced');
      openShells();
      assert.equal((await statuses[1 - loser]!).state, 'attached');
      assert.equal(t.server.hub.isAttached(labId), true);
      const shells = t.shells.opened.slice(opened);
      assert.equal(shells.at(-1)?.closed, false, "the winner's shell is open");
      await until(
        () => shells.slice(0, -1).every((s) => s.closed),
        "the loser's shell (if any) to be hung up",
      );
    } finally {
      t.shells.gate = undefined;
      openShells();
      for (const tab of tabs) tab.close();
    }
  });

  it('hangs up on a reset and reattaches to the new cluster once the lab is ready again', async () => {
    const oldCluster = t.store.labs.get(labId)!.clusterName;
    const socket = openLabSocket(t.baseUrl, { cookie: owner, origin: t.origin, labId });
    await connectOutcome(socket);
    const attached = nextStatus(socket, 'attached');
    socket.emit('terminal:attach', { rows: 24, cols: 80 });
    await attached;
    const oldShell = t.shells.last();
    assert.equal(oldShell.options.container, `${oldCluster}-control-plane`);

    const closed = nextStatus(socket, 'closed');
    const reset = await api<{ lab: { clusterName: string } }>(t.baseUrl, 'POST', `/api/labs/${labId}/reset`, {
      cookie: owner,
    });
    assert.equal(reset.status, 202);
    assert.match(((await closed) as { message: string }).message, /being reset/);
    await until(() => oldShell.closed, 'the old shell to be hung up');
    await until(() => t.store.labs.get(labId)?.state === 'ready', 'the lab to be ready again');
    const newCluster = t.store.labs.get(labId)!.clusterName;
    assert.notEqual(newCluster, oldCluster);
    await until(() => !t.provider.clusters.has(oldCluster), 'the old cluster to be deleted');

    const reattached = nextStatus(socket, 'attached');
    socket.emit('terminal:attach', { rows: 24, cols: 80 });
    await reattached;
    assert.equal(t.shells.last().options.container, `${newCluster}-control-plane`);
    socket.close();
  });

  it('closes the terminal when the lab ends', async () => {
    const socket = openLabSocket(t.baseUrl, { cookie: owner, origin: t.origin, labId });
    await connectOutcome(socket);
    const attached = nextStatus(socket, 'attached');
    socket.emit('terminal:attach', { rows: 24, cols: 80 });
    await attached;
    const closed = nextStatus(socket, 'closed');
    const ended = await api(t.baseUrl, 'POST', `/api/labs/${labId}/end`, { cookie: owner });
    assert.equal(ended.status, 200);
    assert.match(((await closed) as { message: string }).message, /ended/);
    assert.equal(t.shells.last().closed, true);
    assert.equal(t.provider.clusters.has(t.store.labs.get(labId)!.clusterName), false);
    socket.close();
  });
});
