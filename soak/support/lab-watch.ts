// What a lab page sees of its lab: every lab:state and lab:progress event and the socket's own end, with waits
// on those events under a deadline (no polling of the REST API).
import type { LabView } from '../../server/labs/view.js';
import type { ProgressEvent } from '../../server/progress.js';
import { connectOutcome, type ClientSocket } from '../../test/unit/server/socket-helpers.js';
import type { SoakLearner } from './learner.js';

export class LabWatch {
  readonly states: LabView[] = [];
  readonly progress: ProgressEvent[] = [];
  /** Why the socket ended, if it did ("transport close" when the server died). */
  disconnectReason: string | undefined;
  private readonly listeners = new Set<() => void>();

  private constructor(private readonly socket: ClientSocket) {
    const changed = () => this.listeners.forEach((listener) => listener());
    socket.on('lab:state', (lab) => {
      this.states.push(lab);
      changed();
    });
    socket.on('lab:progress', (event) => {
      this.progress.push(event);
      changed();
    });
    socket.on('disconnect', (reason) => {
      this.disconnectReason = reason;
      changed();
    });
  }

  static async open(learner: SoakLearner, labId: string): Promise<LabWatch> {
    const socket = learner.openSocket(labId);
    const watch = new LabWatch(socket);
    const outcome = await connectOutcome(socket);
    if (!outcome.connected) {
      socket.close();
      throw new Error(`lab socket for ${labId} refused: ${outcome.error.message}`);
    }
    return watch;
  }

  get last(): LabView | undefined {
    return this.states.at(-1);
  }

  /** Resolves with the first lab state that satisfies `accept` (the current one included). */
  untilState(accept: (lab: LabView) => boolean, timeoutMs: number, what: string): Promise<LabView> {
    return this.until(() => this.states.find(accept), timeoutMs, what);
  }

  untilDisconnected(timeoutMs: number): Promise<string> {
    return this.until(() => this.disconnectReason, timeoutMs, 'the socket to close');
  }

  close(): void {
    this.socket.close();
  }

  private until<T>(probe: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const value = probe();
        if (value === undefined) return;
        finish();
        resolve(value);
      };
      const timer = setTimeout(() => {
        finish();
        const seen = this.last ? `${this.last.state}: ${this.last.message}` : 'no lab state';
        reject(new Error(`no ${what} within ${Math.round(timeoutMs / 1000)} s (last: ${seen})`));
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
      check();
    });
  }
}
