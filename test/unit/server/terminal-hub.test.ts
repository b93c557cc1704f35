import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Lab } from '../../../server/store/index.js';
import type { TerminalSize, TerminalStatus } from '../../../server/terminal/events.js';
import { TerminalHub, type TerminalClient } from '../../../server/terminal/hub.js';
import type { TerminalLimits } from '../../../server/terminal/limits.js';
import type { NodeShell, ShellOptions } from '../../../server/clusters/types.js';
import { TMUX_DETACH_KEYS } from '../../../server/terminal/tmux.js';
import { FakeProvider, FakeShells, type OpenShellOptions } from './fakes.js';
import { quietLogger, until } from './harness.js';

const now = new Date().toISOString();
const readyLab: Lab = {
  id: 'abcd1234',
  learnerId: 'learner',
  scenarioId: 'demo',
  clusterName: 'cks-abcd1234',
  state: 'ready',
  createdAt: now,
  updatedAt: now,
  lastActivityAt: now,
  progress: null,
};

/** A browser as the hub sees it; the test sets how much the connection holds unsent and sees drops. */
class FakeClient implements TerminalClient {
  readonly statuses: TerminalStatus[] = [];
  readonly drops: string[] = [];
  unsent = 0;
  private readonly drainListeners = new Set<() => void>();
  constructor(readonly id = 'socket-1') {}
  output(): void {}
  status(status: TerminalStatus): void {
    this.statuses.push(status);
  }
  unsentBytes(): number {
    return this.unsent;
  }
  onDrain(listener: () => void): () => void {
    this.drainListeners.add(listener);
    return () => this.drainListeners.delete(listener);
  }
  /** The connection wrote out what it held. */
  drained(): void {
    this.unsent = 0;
    for (const listener of this.drainListeners) listener();
  }
  drop(message: string): void {
    this.drops.push(message);
  }
}

/**
 * Answers the node lookup on a later turn of the event loop, as the real one (a Docker call) does; shells open
 * through `opener` (the test's tmux or counting double).
 */
class NodeLookupProvider extends FakeProvider {
  constructor(private readonly opener: (options: OpenShellOptions) => Promise<NodeShell>) {
    super();
  }

  override async nodes(name: string) {
    await new Promise((resolve) => setImmediate(resolve));
    return super.nodes(name);
  }

  override openShell(_cluster: string, node: string, options: ShellOptions): Promise<NodeShell> {
    return this.opener({ container: node, ...options });
  }
}

/**
 * tmux as the attach argv drives it: each shell opens when the test says (`releaseFirst`) or at once, and opening
 * one runs `new-session -A -D`, which detaches every other client of the session (its exec stream ends).
 */
class FakeTmux {
  readonly shells = new FakeShells();
  /** Opens asked for (counted before they complete). */
  requested = 0;
  private releaseHeld: (() => void) | undefined;
  private readonly held: Promise<void>;

  constructor() {
    this.held = new Promise((resolve) => (this.releaseHeld = resolve));
  }

  /** The first open is slow: it completes (and runs its -D) only when the test releases it. */
  readonly open = async (options: OpenShellOptions) => {
    this.requested += 1;
    if (this.requested === 1) await this.held;
    const shell = await this.shells.open(options);
    for (const other of this.shells.opened) if (other !== shell && !other.closed) other.close();
    return shell;
  };

  releaseFirst(): void {
    this.releaseHeld?.();
  }
}

/**
 * Lets every step that can go on without the held shell run first (the fakes do no I/O, so a few turns of the
 * event loop are enough): a newer attach that does not wait for its turn has attached by then.
 */
async function settle(): Promise<void> {
  for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setImmediate(resolve));
}

function racingFixture() {
  const tmux = new FakeTmux();
  const hub = new TerminalHub({
    provider: new NodeLookupProvider(tmux.open),
    logger: quietLogger,
    graceMs: 60_000,
    onActivity: () => undefined,
  });
  return { tmux, hub };
}

function fixture(limits: Partial<TerminalLimits> = {}) {
  const shells = new FakeShells();
  /** Shells the hub has asked for, counted before the (possibly gated) open completes. */
  let opening = 0;
  const provider = new NodeLookupProvider((options) => {
    opening += 1;
    return shells.open(options);
  });
  const hub = new TerminalHub({
    provider,
    logger: quietLogger,
    graceMs: 60_000,
    onActivity: () => undefined,
    limits,
  });
  const client = new FakeClient();
  return { shells, hub, statuses: client.statuses, client, opening: () => opening };
}

describe('terminal hub', () => {
  it('does not complete an attach into a lab that ended while the shell was opening', async () => {
    const { shells, hub, statuses, client, opening } = fixture();
    let openShells!: () => void;
    shells.gate = new Promise((resolve) => (openShells = resolve));
    const attaching = hub.attach(client, readyLab, { rows: 24, cols: 80 });
    // the lab must end while the shell is being opened (past the node lookup), not before the attach got there
    await until(() => opening() === 1, 'the attach to be opening its shell');
    assert.equal(shells.opened.length, 0, 'the shell is still opening');
    hub.labChanged({ ...readyLab, state: 'ended' });
    openShells();
    await attaching;
    assert.deepEqual(statuses, [{ state: 'closed', message: 'The lab has ended.' }]);
    assert.equal(hub.isAttached(readyLab.id), false);
    const shell = shells.last();
    await until(() => shell.closed, 'the late shell to be hung up');
    assert.equal(shell.input.at(-1), TMUX_DETACH_KEYS, 'its tmux client was detached, not left running');
  });

  it('lets a newer attach win without telling the older one the lab closed', async () => {
    const { shells, hub, statuses, client } = fixture();
    let openShells!: () => void;
    shells.gate = new Promise((resolve) => (openShells = resolve));
    const first = hub.attach(client, readyLab, { rows: 24, cols: 80 });
    const second = hub.attach(client, readyLab, { rows: 30, cols: 100 });
    openShells();
    await Promise.all([first, second]);
    assert.deepEqual(statuses, [{ state: 'attached' }]);
    assert.equal(hub.isAttached(readyLab.id), true);
    // the older attach was overtaken before its turn came, so it opened no shell (no tmux client to detach)
    assert.equal(shells.opened.length, 1);
    assert.equal(shells.last().options.size.cols, 100, 'the newer attach opened the shell');
    assert.equal(shells.last().closed, false);
  });

  it('tells the older of two racing tabs at once that it was replaced, and its late tmux attach does not detach the winner', async () => {
    const { tmux, hub } = racingFixture();
    const tabX = new FakeClient('tab-x');
    const tabY = new FakeClient('tab-y');
    const x = hub.attach(tabX, readyLab, { rows: 24, cols: 80 });
    await until(() => tmux.requested === 1, 'tab X to be opening its (slow) shell');
    const y = hub.attach(tabY, readyLab, { rows: 30, cols: 100 });
    assert.deepEqual(tabX.statuses, [{ state: 'replaced' }], 'tab X is told as soon as tab Y takes over');
    await settle();
    tmux.releaseFirst(); // tab X's tmux attach (with -D) runs only now, after everything tab Y could do
    await Promise.all([x, y]);
    await until(() => tmux.shells.opened[0]?.closed === true, "tab X's shell to be hung up");

    assert.deepEqual(tabX.statuses, [{ state: 'replaced' }], 'one final status for the loser');
    assert.deepEqual(tabY.statuses, [{ state: 'attached' }], 'the winner is not reported exited');
    assert.equal(tmux.shells.opened.length, 2);
    const [shellX, shellY] = tmux.shells.opened;
    assert.equal(shellX?.input.at(-1), TMUX_DETACH_KEYS, "the loser's tmux client was detached");
    assert.equal(shellY?.closed, false, "the winner's shell is the one left open");
    assert.equal(shellY?.input.includes(TMUX_DETACH_KEYS), false, 'and nobody detached it');
    assert.equal(hub.input(tabY.id, 'ls\r'), 'written');
    assert.equal(hub.input(tabX.id, 'ls\r'), 'not-attached');
  });

  it('never opens a shell for an attach overtaken while it waited for its turn', async () => {
    const { tmux, hub } = racingFixture();
    const tabs = [new FakeClient('tab-x'), new FakeClient('tab-y'), new FakeClient('tab-z')];
    const x = hub.attach(tabs[0]!, readyLab, { rows: 24, cols: 80 });
    await until(() => tmux.requested === 1, 'tab X to be opening its (slow) shell');
    const y = hub.attach(tabs[1]!, readyLab, { rows: 24, cols: 80 });
    const z = hub.attach(tabs[2]!, readyLab, { rows: 24, cols: 80 });
    await settle();
    tmux.releaseFirst();
    await Promise.all([x, y, z]);
    assert.deepEqual(
      tabs.map((tab) => tab.statuses),
      [[{ state: 'replaced' }], [{ state: 'replaced' }], [{ state: 'attached' }]],
    );
    assert.equal(tmux.requested, 2, 'tab Y, overtaken before its turn, started no tmux client');
    const [shellX, shellZ] = tmux.shells.opened;
    assert.equal(shellX?.closed, true);
    assert.equal(shellZ?.closed, false);
  });

  it('does not complete an attach for a browser that left while its shell was opening', async () => {
    const { tmux, hub } = racingFixture();
    const tab = new FakeClient('tab-x');
    const attaching = hub.attach(tab, readyLab, { rows: 24, cols: 80 });
    await until(() => tmux.requested === 1, 'the attach to be opening its shell');
    hub.detach(tab.id);
    tmux.releaseFirst();
    await attaching;
    assert.equal(hub.isAttached(readyLab.id), false, 'no shell is attached to a socket that is gone');
    await until(() => tmux.shells.last().closed, 'the late shell to be hung up');
    assert.equal(tmux.shells.last().input.at(-1), TMUX_DETACH_KEYS);
    assert.equal(hub.isReapScheduled(readyLab.id), true, 'the shell is reaped unless someone comes back');
    assert.deepEqual(tab.statuses, []);
  });

  it('does not trust acks alone: the shell stays paused while the connection holds too much', async () => {
    const { shells, hub, client } = fixture({ unsentHigh: 1000, unsentLow: 100, unsentHardCap: 100_000 });
    await hub.attach(client, readyLab, { rows: 24, cols: 80 });
    const shell = shells.last();
    client.unsent = 5000; // acknowledged, but still in the server's buffers: the browser is not reading
    shell.output('y\n');
    await until(() => shell.stream.isPaused(), 'the shell to pause on the connection backlog');
    hub.ack(client.id, 1_000_000_000);
    assert.equal(shell.stream.isPaused(), true, 'an ack (however large) does not resume it');
    client.drained();
    assert.equal(shell.stream.isPaused(), false, 'the connection writing its backlog out does');
    assert.deepEqual(client.drops, []);
  });

  it('drops a browser the moment the connection holds more than the hard cap', async () => {
    const { shells, hub, client } = fixture({ unsentHigh: 1000, unsentLow: 100, unsentHardCap: 10_000 });
    await hub.attach(client, readyLab, { rows: 24, cols: 80 });
    client.unsent = 20_000;
    shells.last().output('y\n');
    await until(() => client.drops.length === 1, 'the browser to be dropped');
    assert.match(client.drops[0] ?? '', /Reload the page/);
  });

  it('refuses an input event over the size limit without writing any of it', async () => {
    const { shells, hub, client } = fixture({ maxInputChars: 100 });
    await hub.attach(client, readyLab, { rows: 24, cols: 80 });
    const result = hub.input(client.id, 'x'.repeat(101));
    assert.ok(
      typeof result === 'object' && /longer than 100 characters/.test(result.refused),
      `refused, not ${JSON.stringify(result)}`,
    );
    assert.equal(hub.input(client.id, 'ls\r'), 'written');
    await until(() => shells.last().input.length === 1, 'the accepted input to reach the shell');
    assert.deepEqual(shells.last().input, ['ls\r']);
  });

  it('coalesces a resize flood into one Docker call in flight and ends at the last size', async () => {
    const { shells, hub, client } = fixture();
    await hub.attach(client, readyLab, { rows: 24, cols: 80 });
    const shell = shells.last();
    const applied: TerminalSize[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    shell.resize = async (size) => {
      applied.push(size);
      await held; // a slow Docker engine
    };
    for (let i = 1; i <= 100; i++) hub.resize(client.id, { rows: 24, cols: 80 + i });
    assert.deepEqual(applied, [{ rows: 24, cols: 81 }], 'one call in flight');
    release();
    await until(() => applied.length === 2, 'the latest size to be applied');
    assert.deepEqual(applied[1], { rows: 24, cols: 180 }, 'the sizes in between were skipped');
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(applied.length, 2, 'nothing else was queued');
  });
});
