// Issue 12 item 8: every lab terminal recorded as asciicast v2 (size-capped, retention, off switch), Checks as
// markers, served to the learner and instructors; through the real server with fake node shells.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { TerminalRecordings } from '../../../server/terminal/recordings.js';
import { api, quietLogger, startTestServer, until, workshopLab, type TestServer } from './harness.js';
import { collectOutput, connectOutcome, nextStatus, openLabSocket } from './socket-helpers.js';

type CastEvent = [number, 'o' | 'r' | 'm' | 'i', string];

function parseCast(text: string): { header: Record<string, unknown>; events: CastEvent[] } {
  const [first, ...rest] = text.trimEnd().split('\n');
  return {
    header: JSON.parse(first ?? '{}') as Record<string, unknown>,
    events: rest.map((line) => JSON.parse(line) as CastEvent),
  };
}

async function fetchRecording(t: TestServer, labId: string, cookie: string) {
  const response = await fetch(`${t.baseUrl}/api/labs/${labId}/recording`, { headers: { cookie } });
  return { response, text: await response.text() };
}

/** A server with a learner whose lab is ready and whose terminal is attached at 24x80. */
async function labWithTerminal(options: Parameters<typeof startTestServer>[0]) {
  const t = await startTestServer(options);
  const { instructor, owner, other, labId } = await workshopLab(t);
  const socket = openLabSocket(t.baseUrl, { cookie: owner, origin: t.origin, labId });
  assert.equal((await connectOutcome(socket)).connected, true);
  const output = collectOutput(socket);
  const attached = nextStatus(socket, 'attached');
  socket.emit('terminal:attach', { rows: 24, cols: 80 });
  await attached;
  return { t, instructor, owner, other, labId, socket, output, shell: t.shells.last() };
}

describe('terminal recording (asciicast v2)', () => {
  const cleanups: (() => Promise<void>)[] = [];
  after(async () => {
    for (const cleanup of cleanups) await cleanup();
  });

  it('keeps what the learner saw, their resizes and each Check, for the learner and instructors only', async () => {
    const lab = await labWithTerminal({ recording: {} });
    cleanups.push(() => lab.t.close({ removeData: true }));
    lab.shell.output('root@controlplane:~# kubectl get ns\r\nkube-system   Active\r\n');
    await until(() => lab.output.text().includes('kube-system'), 'the output in the browser');
    lab.socket.emit('terminal:resize', { rows: 40, cols: 120 });
    await until(() => lab.shell.resizes.some((s) => s.cols === 120), 'the resize');
    const check = await api(lab.t.baseUrl, 'POST', `/api/labs/${lab.labId}/check`, { cookie: lab.owner });
    assert.equal(check.status, 200);

    const { response, text } = await fetchRecording(lab.t, lab.labId, lab.owner);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^application\/x-asciicast/);
    assert.match(
      response.headers.get('content-disposition') ?? '',
      /^attachment; filename="?cks-lab-demo-\w+\.cast/,
    );
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    const { header, events } = parseCast(text);
    assert.equal(header.version, 2);
    assert.equal(header.width, 80);
    assert.equal(header.height, 24);
    assert.equal(header.title, 'demo');
    const output = events.filter((e) => e[1] === 'o').map((e) => e[2]);
    assert.equal(output.join(''), 'root@controlplane:~# kubectl get ns\r\nkube-system   Active\r\n');
    assert.deepEqual(
      events.filter((e) => e[1] === 'r').map((e) => e[2]),
      ['120x40'],
    );
    const markers = events.filter((e) => e[1] === 'm').map((e) => e[2]);
    assert.equal(markers.length, 1);
    assert.match(markers[0] ?? '', /^Check: \d+\/\d+ tasks pass \(\d+ %\)$/);
    const times = events.map((e) => e[0]);
    assert.deepEqual(
      times,
      [...times].sort((a, b) => a - b),
      'event times never go back',
    );

    assert.equal((await fetchRecording(lab.t, lab.labId, lab.instructor)).response.status, 200);
    assert.equal((await fetchRecording(lab.t, lab.labId, lab.other)).response.status, 403);
    lab.socket.close();
  });

  it('stops at the size limit with a marker saying so, so a flood cannot fill the disk', async () => {
    const lab = await labWithTerminal({ recording: { maxBytes: 4096 } });
    cleanups.push(() => lab.t.close({ removeData: true }));
    lab.shell.output('y\n'.repeat(20_000));
    await until(() => lab.output.chars() === 40_000, 'the flood in the browser');
    const { text } = await fetchRecording(lab.t, lab.labId, lab.owner);
    assert.ok(Buffer.byteLength(text) <= 4096 + 200, `${Buffer.byteLength(text)} bytes`);
    const last = parseCast(text).events.at(-1);
    assert.equal(last?.[1], 'm');
    assert.match(last?.[2] ?? '', /^recording stopped: it reached its 4 KiB limit$/);
    lab.socket.close();
  });

  it('answers 404 with the reason when recording is off', async () => {
    const lab = await labWithTerminal({});
    cleanups.push(() => lab.t.close({ removeData: true }));
    lab.shell.output('hello\r\n');
    await until(() => lab.output.text().includes('hello'), 'the output');
    const { response, text } = await fetchRecording(lab.t, lab.labId, lab.owner);
    assert.equal(response.status, 404);
    assert.match(text, /recording_off/);
    lab.socket.close();
  });

  it('goes on with the same file after a restart, and deletes recordings past their retention', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cks-recordings-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const first = new TerminalRecordings({ dir, maxBytes: 1048576, retentionDays: 7 }, quietLogger);
    await first.start();
    first.started('lab00001', { rows: 24, cols: 80 }, 'demo');
    first.output('lab00001', 'before\r\n');
    await first.close();

    const second = new TerminalRecordings({ dir, maxBytes: 1048576, retentionDays: 7 }, quietLogger);
    await second.start();
    second.started('lab00001', { rows: 30, cols: 100 }, 'demo');
    second.output('lab00001', 'after\r\n');
    await second.finish('lab00001');
    const { header, events } = parseCast(await readFile(join(dir, 'lab00001.cast'), 'utf8'));
    assert.equal(header.width, 80, 'one header: the first');
    assert.deepEqual(
      events.map((e) => [e[1], e[2]]),
      [
        ['o', 'before\r\n'],
        ['r', '100x30'],
        ['o', 'after\r\n'],
      ],
    );

    await writeFile(join(dir, 'lab00002.cast'), '{"version":2}\n');
    const old = new Date(Date.now() - 8 * 86_400_000);
    await utimes(join(dir, 'lab00002.cast'), old, old);
    assert.equal(await second.prune(), 1);
    assert.ok(await second.read('lab00001'), 'the recent recording is kept');
    assert.equal(await second.read('lab00002'), undefined, 'the old one is gone');
    assert.throws(() => second.pathOf('../etc/passwd'), /not a lab id/);
    await second.close();
  });
});
