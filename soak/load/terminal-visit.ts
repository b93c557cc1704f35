// One visit of a lab's terminal, as a browser tab makes it: open the lab socket, attach, read the output with
// acks (at once, or batched like a slow browser), type, and leave. The server sends the terminal to one tab at a
// time, so a visit may be taken over by another ("replaced"): that is the product working, not an error.
// (bench/support's LabSocket waits for a prompt at the very end of the output; after a reattach tmux redraws the
// whole screen, and when the prompt is not on its last row the output never ends with it: so the shell is asked
// to compute something instead, whose answer differs from what was typed.)
import { randomBytes } from 'node:crypto';
import type { TerminalStatus } from '../../server/terminal/events.js';
import { connectOutcome, type ClientSocket } from '../../test/unit/server/socket-helpers.js';
import type { SoakLearner } from '../support/learner.js';

export type VisitStart =
  | { kind: 'attached'; ms: number }
  | { kind: 'refused'; message: string }
  | { kind: 'status'; status: TerminalStatus }
  | { kind: 'timeout' };

const ATTACH_TIMEOUT_MS = 20_000;
/** The end of the output kept for matching; a flood must not grow the client's memory without bound. */
const KEPT_CHARS = 256 * 1024;

export class TerminalVisit {
  /** Characters received in all. */
  chars = 0;
  readonly statuses: TerminalStatus[] = [];
  private unacked = 0;
  private readonly ackTimer: NodeJS.Timeout | undefined;
  private kept = '';
  private readonly listeners = new Set<() => void>();

  private constructor(
    readonly socket: ClientSocket,
    ackEveryMs: number,
  ) {
    socket.on('terminal:output', (data) => {
      this.chars += data.length;
      this.unacked += data.length;
      this.kept = (this.kept + data).slice(-KEPT_CHARS);
      if (!ackEveryMs) this.ack();
      this.listeners.forEach((listener) => listener());
    });
    socket.on('terminal:status', (status) => this.statuses.push(status));
    // a slow browser renders in batches: the server sees acks late and its flow control must hold the shell
    if (ackEveryMs) this.ackTimer = setInterval(() => this.ack(), ackEveryMs);
  }

  /** Connects and attaches; `ackEveryMs` 0 acks every chunk at once. */
  static async open(
    learner: SoakLearner,
    labId: string,
    ackEveryMs: number,
  ): Promise<{ visit: TerminalVisit; start: VisitStart }> {
    const started = performance.now();
    const visit = new TerminalVisit(learner.openSocket(labId), ackEveryMs);
    const outcome = await connectOutcome(visit.socket);
    if (!outcome.connected) return { visit, start: { kind: 'refused', message: outcome.error.message } };
    visit.socket.emit('terminal:attach', { rows: 40, cols: 120 });
    const status = await visit.nextStatus(ATTACH_TIMEOUT_MS);
    if (!status) return { visit, start: { kind: 'timeout' } };
    if (status.state === 'attached')
      return { visit, start: { kind: 'attached', ms: performance.now() - started } };
    return { visit, start: { kind: 'status', status } };
  }

  /**
   * Opens the terminal and makes sure a shell answers (see `answers`). Throws with what the learner would see
   * when it does not.
   */
  static async shell(learner: SoakLearner, labId: string, timeoutMs: number): Promise<TerminalVisit> {
    const { visit, start } = await TerminalVisit.open(learner, labId, 0);
    try {
      if (start.kind !== 'attached') throw new Error(`the terminal did not open: ${describeStart(start)}`);
      await visit.answers(timeoutMs);
      return visit;
    } catch (error) {
      visit.close();
      throw error;
    }
  }

  type(data: string): void {
    this.socket.emit('terminal:input', data);
  }

  /** A shell runs a command typed now: `echo <tag>-$((6*7))` prints <tag>-42, which the typed line does not show. */
  async answers(timeoutMs: number): Promise<void> {
    const tag = `soak${randomBytes(3).toString('hex')}`;
    await this.roundTrip(`echo ${tag}-$((6*7))\r`, `${tag}-42`, timeoutMs);
  }

  /** The output received since `mark` (a value of `chars`), as far as it is still kept. */
  since(mark: number): string {
    const count = Math.min(this.chars - mark, this.kept.length);
    return count > 0 ? this.kept.slice(-count) : '';
  }

  /** Milliseconds from typing `data` until `expected` appears in the output that follows. */
  async roundTrip(data: string, expected: string | RegExp, timeoutMs: number): Promise<number> {
    const mark = this.chars;
    const started = performance.now();
    this.type(data);
    const seen = () => {
      if (this.chars === mark) return false;
      const text = this.since(mark);
      return typeof expected === 'string' ? text.includes(expected) : expected.test(text);
    };
    await new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!seen()) return;
        finish();
        resolve();
      };
      const timer = setTimeout(() => {
        finish();
        const tail = JSON.stringify(this.kept.slice(-120));
        reject(
          new Error(`no ${String(expected)} within ${timeoutMs} ms after typing; screen ends with ${tail}`),
        );
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
      check();
    });
    return performance.now() - started;
  }

  close(): void {
    clearInterval(this.ackTimer);
    this.socket.close();
  }

  private ack(): void {
    if (!this.unacked) return;
    this.socket.emit('terminal:ack', this.unacked);
    this.unacked = 0;
  }

  private nextStatus(timeoutMs: number): Promise<TerminalStatus | null> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.socket.off('terminal:status', onStatus);
        resolve(null);
      }, timeoutMs);
      const onStatus = (status: TerminalStatus) => {
        clearTimeout(timer);
        this.socket.off('terminal:status', onStatus);
        resolve(status);
      };
      this.socket.on('terminal:status', onStatus);
    });
  }
}

/**
 * After a visit: an 'exited' status although nobody typed `exit` means the shell was taken from this tab without
 * it being told it was replaced (e.g. another tab's tmux attach detached it).
 */
export function lostWithoutReplace(visit: TerminalVisit): boolean {
  return visit.statuses.some((status) => status.state === 'exited');
}

/**
 * Statuses that are the server doing its job: another tab took the terminal over, or the attach rate limit
 * (issue 8: a script opening terminals in a loop is slowed down) refused this one.
 */
export function expectedStatus(status: TerminalStatus): boolean {
  if (status.state === 'replaced') return true;
  return (status.state === 'error' || status.state === 'refused') && /too often/i.test(status.message);
}

/** How a visit began, for the tally: "replaced", "error: Could not open …", "no terminal status within 20 s". */
export function describeStart(start: VisitStart): string {
  if (start.kind === 'attached') return 'attached';
  if (start.kind === 'refused') return `socket refused (${start.message})`;
  if (start.kind === 'timeout') return `no terminal status within ${ATTACH_TIMEOUT_MS / 1000} s`;
  return statusKind(start.status);
}

/** Whether a visit that did not attach was refused for a good reason (see expectedStatus). */
export function expectedStart(start: VisitStart): boolean {
  return start.kind === 'status' && expectedStatus(start.status);
}

/** "replaced", "closed: The lab is …", "error: Could not open …" for the error tally. */
export function statusKind(status: TerminalStatus): string {
  if (!('message' in status)) return status.state;
  // "wait 1 s" and "wait 2 s" are one kind of answer
  return `${status.state}: ${(status.message.split('\n')[0] ?? '').replace(/\bwait \d+ s\b/, 'wait N s')}`;
}
