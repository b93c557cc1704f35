import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Lab } from '../../../server/store/index.js';
import type { TerminalSize, TerminalStatus } from '../../../server/terminal/events.js';
import { TerminalHub, type TerminalClient } from '../../../server/terminal/hub.js';
import type { TerminalLimits } from '../../../server/terminal/limits.js';
import type { OpenShellOptions } from '../../../server/terminal/node-shell.js';
import { TMUX_DETACH_KEYS } from '../../../server/terminal/tmux.js';
import { FakeProvider, FakeShells } from './fakes.js';
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

/** Answers the node lookup on a later turn of the event loop, as the real one (a Docker call) does. */
class NodeLookupProvider extends FakeProvider {
  override async nodes(name: string) {
    await new Promise((resolve) => setImmediate(resolve));
    return super.nodes(name);
  }
}

function fixture(limits: Partial<TerminalLimits> = {}) {
  const shells = new FakeShells();
  const provider = new NodeLookupProvider();
  /** Shells the hub has asked for, counted before the (possibly gated) open completes. */
  let opening = 0;
  const hub = new TerminalHub({
    provider,
    openShell: (options: OpenShellOptions) => {
      opening += 1;
      return shells.open(options);
    },
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
    assert.equal(shells.opened.length, 2);
    await until(() => shells.opened.filter((s) => s.closed).length === 1, 'the losing shell to be hung up');
    assert.equal(shells.opened[0]?.closed, true, 'the first (older) shell lost');
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
