// Issue 12 item 7: an instructor's read-only live view of a learner's terminal, through the real server and
// socket.io with fake node shells (test/e2e/lab.test.ts shows the same on a real cluster, in Chromium).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TerminalSize } from '../../../server/terminal/events.js';
import { TMUX_ATTACH_ARGV, TMUX_DETACH_KEYS, TMUX_SHADOW_ARGV } from '../../../server/terminal/tmux.js';
import type { FakeShell } from './fakes.js';
import { api, startTestServer, until, workshopLab, type TestServer } from './harness.js';
import {
  collectOutput,
  connectOutcome,
  nextStatus,
  openLabSocket,
  type ClientSocket,
} from './socket-helpers.js';

const isShadow = (shell: FakeShell): boolean => shell.options.argv === TMUX_SHADOW_ARGV;

/** Every value of one server event a socket receives, in order. */
function record<T>(socket: ClientSocket, event: 'terminal:size' | 'terminal:watchers'): T[] {
  const seen: T[] = [];
  socket.on(event, (value: unknown) => seen.push(value as T));
  return seen;
}

describe('watching a learner terminal (instructor, read-only)', () => {
  let t: TestServer;
  let instructor: string;
  let owner: string;
  let other: string;
  let labId: string;
  const sockets: ClientSocket[] = [];

  const connect = async (cookie: string): Promise<ClientSocket> => {
    const socket = openLabSocket(t.baseUrl, { cookie, origin: t.origin, labId });
    sockets.push(socket);
    const outcome = await connectOutcome(socket);
    assert.equal(outcome.connected, true);
    return socket;
  };
  const shadows = (): FakeShell[] => t.shells.opened.filter(isShadow);
  const learnerShells = (): FakeShell[] => t.shells.opened.filter((s) => s.options.argv === TMUX_ATTACH_ARGV);

  before(async () => {
    t = await startTestServer({ graceMs: 60_000 });
    ({ instructor, owner, other, labId } = await workshopLab(t));
  });
  after(async () => {
    for (const socket of sockets) socket.close();
    await t.close({ removeData: true });
  });

  it('waits while the learner has no terminal open, and opens no shell for that', async () => {
    const watcher = await connect(instructor);
    const closed = nextStatus(watcher, 'closed');
    watcher.emit('terminal:attach', { rows: 10, cols: 10 });
    const status = await closed;
    assert.match(status.state === 'closed' ? status.message : '', /not open right now/);
    assert.equal(t.shells.opened.length, 0);
    watcher.close();
  });

  it('follows the learner: a read-only tmux client at their size, output live, the learner told', async () => {
    const learner = await connect(owner);
    const watchersSeen = record<number>(learner, 'terminal:watchers');
    const learnerAttached = nextStatus(learner, 'attached');
    learner.emit('terminal:attach', { rows: 30, cols: 100 });
    await learnerAttached;

    const watcher = await connect(instructor);
    const sizes = record<TerminalSize>(watcher, 'terminal:size');
    const output = collectOutput(watcher);
    const watching = nextStatus(watcher, 'attached');
    // the page's own size does not matter: the view is drawn at the learner's
    watcher.emit('terminal:attach', { rows: 10, cols: 10 });
    await watching;
    const view = shadows().at(-1);
    assert.ok(view, 'a view shell was opened');
    assert.deepEqual(view.options.size, { rows: 30, cols: 100 });
    assert.equal(view.options.container, `cks-${labId}-control-plane`);
    assert.deepEqual(sizes, [{ rows: 30, cols: 100 }]);
    await until(() => watchersSeen.at(-1) === 1, 'the learner to be told one instructor watches');

    view.output('root@controlplane:~# kubectl get ns\r\n');
    await until(() => output.text().includes('kubectl get ns'), 'the learner output in the view');

    learner.emit('terminal:resize', { rows: 40, cols: 120 });
    await until(() => sizes.some((s) => s.rows === 40 && s.cols === 120), 'the new size sent to the view');
    await until(() => view.resizes.some((s) => s.rows === 40 && s.cols === 120), 'the view pty resized');
    watcher.close();
    await until(() => watchersSeen.at(-1) === 0, 'the learner to be told nobody watches');
    await until(() => view.closed, 'the view stream to close');
    assert.equal(view.input.at(-1), TMUX_DETACH_KEYS, "the view's tmux client was told to detach");
    learner.close();
  });

  it('never lets what the watcher types reach the shell', async () => {
    const learner = await connect(owner);
    const learnerAttached = nextStatus(learner, 'attached');
    learner.emit('terminal:attach', { rows: 24, cols: 80 });
    await learnerAttached;
    const shell = learnerShells().at(-1);
    assert.ok(shell);

    const watcher = await connect(instructor);
    const watching = nextStatus(watcher, 'attached');
    watcher.emit('terminal:attach', { rows: 24, cols: 80 });
    await watching;
    const view = shadows().at(-1);
    assert.ok(view);
    const refused = nextStatus(watcher, 'refused');
    watcher.emit('terminal:input', 'rm -rf /\r');
    const status = await refused;
    assert.match(status.state === 'refused' ? status.message : '', /read-only view/);
    // the learner's own input still goes through, after the watcher's was refused
    learner.emit('terminal:input', 'echo mine\r');
    await until(() => shell.input.includes('echo mine\r'), "the learner's input");
    assert.deepEqual(shell.input, ['echo mine\r'], "nothing of the watcher's reached the shell");
    assert.deepEqual(view.input, [], 'nor its own read-only client');
    watcher.close();
    learner.close();
  });

  it("reopens when the learner's reattach detaches the view, and closes it when the lab ends", async () => {
    const learner = await connect(owner);
    const learnerAttached = nextStatus(learner, 'attached');
    learner.emit('terminal:attach', { rows: 24, cols: 80 });
    await learnerAttached;
    const watcher = await connect(instructor);
    const watching = nextStatus(watcher, 'attached');
    watcher.emit('terminal:attach', { rows: 24, cols: 80 });
    await watching;
    const before = shadows().length;
    const first = shadows().at(-1);
    assert.ok(first);
    // what `new-session -D` does to every other client of the session
    first.close();
    await until(() => shadows().length === before + 1, 'a new view while the learner is attached');

    const closed = nextStatus(watcher, 'closed');
    const ended = await api(t.baseUrl, 'POST', `/api/labs/${labId}/end`, { cookie: owner });
    assert.equal(ended.status, 200);
    const status = await closed;
    assert.match(status.state === 'closed' ? status.message : '', /ended/);
    await until(() => shadows().every((s) => s.closed), 'every view closed');
  });

  it("refuses a learner on somebody else's lab before any of this (403)", async () => {
    const socket = openLabSocket(t.baseUrl, { cookie: other, origin: t.origin, labId });
    sockets.push(socket);
    const outcome = await connectOutcome(socket);
    assert.equal(!outcome.connected && outcome.error.data?.status, 403);
  });
});
