import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Lab } from '../../../server/store/index.js';
import type { TerminalStatus } from '../../../server/terminal/events.js';
import { TerminalHub } from '../../../server/terminal/hub.js';
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

function fixture() {
  const shells = new FakeShells();
  const provider = new FakeProvider();
  const hub = new TerminalHub({
    provider,
    openShell: shells.open,
    logger: quietLogger,
    graceMs: 60_000,
    onActivity: () => undefined,
  });
  const statuses: TerminalStatus[] = [];
  const client = { id: 'socket-1', output: () => undefined, status: (s: TerminalStatus) => statuses.push(s) };
  return { shells, hub, statuses, client };
}

describe('terminal hub', () => {
  it('does not complete an attach into a lab that ended while the shell was opening', async () => {
    const { shells, hub, statuses, client } = fixture();
    let openShells!: () => void;
    shells.gate = new Promise((resolve) => (openShells = resolve));
    const attaching = hub.attach(client, readyLab, { rows: 24, cols: 80 });
    await until(() => shells.opened.length === 0 && statuses.length === 0, 'the attach to be in flight');
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
});
