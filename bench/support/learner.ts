// A learner driven from code: signs in with the printed URL, starts/resets/ends labs over HTTP and uses the
// terminal over socket.io exactly as the browser does (same events, acks for flow control).
import type { LabView } from '../../server/labs/view.js';
import {
  collectOutput,
  connectOutcome,
  openLabSocket,
  type ClientSocket,
} from '../../test/unit/server/socket-helpers.js';

export class BenchLearner {
  private constructor(
    readonly origin: string,
    private readonly cookie: string,
  ) {}

  /** Follows the printed `?token=` URL once and keeps the session cookie it sets. */
  static async signIn(openUrl: string): Promise<BenchLearner> {
    const response = await fetch(openUrl, { redirect: 'manual' });
    const cookie = response.headers.get('set-cookie')?.split(';')[0];
    if (!cookie) throw new Error(`signing in at ${openUrl} set no cookie (HTTP ${response.status})`);
    return new BenchLearner(new URL(openUrl).origin, cookie);
  }

  async api<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.origin}${path}`, {
      method,
      headers: {
        cookie: this.cookie,
        origin: this.origin,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await response.json()) as T & { error?: { message: string } };
    if (!response.ok)
      throw new Error(`${method} ${path}: HTTP ${response.status} ${json.error?.message ?? ''}`);
    return json;
  }

  async start(scenarioId: string): Promise<LabView> {
    return (await this.api<{ lab: LabView }>('POST', '/api/labs', { scenarioId })).lab;
  }

  async reset(labId: string): Promise<LabView> {
    return (await this.api<{ lab: LabView }>('POST', `/api/labs/${labId}/reset`)).lab;
  }

  async end(labId: string): Promise<void> {
    await this.api('POST', `/api/labs/${labId}/end`);
  }

  /** Opens the lab's socket (lab state and terminal), as the lab page does. */
  async connect(labId: string): Promise<LabSocket> {
    const socket = openLabSocket(this.origin, { cookie: this.cookie, origin: this.origin, labId });
    const states: LabView[] = [];
    socket.on('lab:state', (lab) => states.push(lab));
    const outcome = await connectOutcome(socket);
    if (!outcome.connected) throw new Error(`lab socket refused: ${outcome.error.message}`);
    return new LabSocket(socket, states);
  }
}

/** A shell prompt at the end of the screen, whatever mode switches (bracketed paste …) bash printed after it. */
export const PROMPT = new RegExp(`[#$] (?:${String.fromCharCode(27)}\\[[?0-9;]*[A-Za-z])*$`);

export class LabSocket {
  private output: { text: () => string } | undefined;

  constructor(
    private readonly socket: ClientSocket,
    private readonly states: LabView[],
  ) {}

  /** Resolves with the lab once it is ready (or rejects when it fails or the deadline passes). */
  waitReady(timeoutMs: number): Promise<LabView> {
    return this.until(
      () => {
        const lab = this.states.at(-1);
        if (lab?.state === 'failed') throw new Error(`the lab failed: ${lab.message}`);
        return lab?.state === 'ready' ? lab : undefined;
      },
      timeoutMs,
      'the lab to be ready',
    );
  }

  /** Attaches the terminal and resolves when the shell's prompt is on screen. */
  async attach(timeoutMs: number): Promise<void> {
    this.output ??= collectOutput(this.socket);
    this.socket.emit('terminal:attach', { rows: 40, cols: 120 });
    await this.until(() => (PROMPT.test(this.text()) ? true : undefined), timeoutMs, 'a shell prompt');
  }

  text(): string {
    return this.output?.text() ?? '';
  }

  type(data: string): void {
    this.socket.emit('terminal:input', data);
  }

  /** Milliseconds from sending `data` until `expected` appears after what is on screen now. */
  async roundTrip(data: string, expected: string | RegExp, timeoutMs = 10_000): Promise<number> {
    const before = this.text().length;
    const started = performance.now();
    this.type(data);
    const matches = (text: string) =>
      typeof expected === 'string' ? text.includes(expected) : expected.test(text);
    await this.until(
      () => (matches(this.text().slice(before)) ? true : undefined),
      timeoutMs,
      `${String(expected)}`,
    );
    return performance.now() - started;
  }

  close(): void {
    this.socket.close();
  }

  /** Re-checks on every socket event (and every 50 ms for time-only conditions) until a value or the deadline. */
  private until<T>(probe: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        try {
          const value = probe();
          if (value === undefined) return;
          finish();
          resolve(value);
        } catch (error) {
          finish();
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`no ${what} within ${timeoutMs} ms; screen ends with: ${this.text().slice(-200)}`));
      }, timeoutMs);
      const ticker = setInterval(check, 50);
      // onAny runs before the event's own handlers (which append the output): look once they have run
      const onAny = () => setImmediate(check);
      const finish = () => {
        clearTimeout(timer);
        clearInterval(ticker);
        this.socket.offAny(onAny);
      };
      this.socket.onAny(onAny);
      check();
    });
  }
}
