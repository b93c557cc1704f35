import type { ProgressEvent, ProgressSink } from '../progress.js';
import { describePlatform } from './describe.js';
import type { PlatformProblem, PlatformStatus } from './types.js';

export type PlatformListener = (status: PlatformStatus) => void;

export interface PlatformReadinessOptions {
  /** Output lines (info events) reach listeners at most this often; a compile prints hundreds per second. */
  detailIntervalMs?: number;
  /** A throwing listener must not break the build that feeds the tracker. */
  onListenerError?: (error: unknown) => void;
}

type Fields = Omit<PlatformStatus, 'summary'>;

const INITIAL: Fields = {
  state: 'checking',
  task: null,
  step: null,
  detail: null,
  problem: null,
  startedAt: null,
};

/**
 * Whether labs can get clusters yet, fed by the platform preparation (its tasks and their ProgressSink events)
 * and read by the lab service (gate), the HTTP route and the /platform socket (listeners).
 */
export class PlatformReadiness {
  private fields: Fields = INITIAL;
  private readonly listeners = new Set<PlatformListener>();
  private detailTimer: NodeJS.Timeout | undefined;
  private readonly detailIntervalMs: number;

  constructor(private readonly options: PlatformReadinessOptions = {}) {
    this.detailIntervalMs = options.detailIntervalMs ?? 1000;
  }

  /** A tracker that starts ready: for servers whose platform is known to be there (tests, benches). */
  static alreadyReady(): PlatformReadiness {
    const readiness = new PlatformReadiness();
    readiness.ready();
    return readiness;
  }

  status(): PlatformStatus {
    return { ...this.fields, summary: describePlatform(this.fields) };
  }

  isReady(): boolean {
    return this.fields.state === 'ready';
  }

  /** null when labs can start; otherwise the sentence saying why not (and what to run). */
  blocker(): string | null {
    return this.isReady() ? null : describePlatform(this.fields);
  }

  /** A task of the preparation begins (its steps arrive through `progress`). */
  beginTask(label: string, index: number, total: number): void {
    this.set({
      state: 'building',
      task: { label, index, total },
      step: null,
      detail: null,
      problem: null,
      startedAt: this.fields.startedAt ?? new Date().toISOString(),
    });
  }

  /** The current task's progress events (runSteps, the image build): steps move the status, lines become detail. */
  readonly progress: ProgressSink = (event: ProgressEvent) => {
    if (this.fields.state !== 'building') return;
    switch (event.kind) {
      case 'start':
      case 'end':
        this.set({
          ...this.fields,
          step: { name: event.step, index: event.index, total: event.total, done: event.kind === 'end' },
        });
        return;
      case 'info':
        this.setDetail(event.message);
        return;
      case 'fail':
        this.set({ ...this.fields, detail: `${event.step} failed: ${event.error.split('\n')[0] ?? ''}` });
        return;
    }
  };

  /** Something only a person can fix is missing; the preparation keeps looking. */
  block(problem: PlatformProblem): void {
    this.set({ ...this.fields, state: 'blocked', task: null, step: null, detail: null, problem });
  }

  /** Preparing failed; the task and step it got to stay visible. */
  fail(problem: PlatformProblem): void {
    this.set({ ...this.fields, state: 'failed', problem });
  }

  ready(): void {
    this.set({ ...this.fields, state: 'ready', task: null, step: null, detail: null, problem: null });
  }

  /** Every change of the status (detail lines throttled); returns the unsubscribe function. */
  subscribe(listener: PlatformListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Calls back once, when the state becomes ready (at once when it already is). */
  onceReady(listener: () => void): () => void {
    if (this.isReady()) {
      listener();
      return () => undefined;
    }
    const unsubscribe = this.subscribe((status) => {
      if (status.state !== 'ready') return;
      unsubscribe();
      listener();
    });
    return unsubscribe;
  }

  /** Stops a pending detail push (server shutdown). */
  close(): void {
    clearTimeout(this.detailTimer);
    this.detailTimer = undefined;
  }

  private setDetail(line: string): void {
    const detail = line.trim();
    if (!detail) return;
    this.fields = { ...this.fields, detail };
    // the line is in the status at once (GET /api/platform); listeners hear about it at the next tick of the interval
    this.detailTimer ??= setTimeout(() => {
      this.detailTimer = undefined;
      this.notify();
    }, this.detailIntervalMs);
    this.detailTimer.unref();
  }

  private set(next: Fields): void {
    if (JSON.stringify(next) === JSON.stringify(this.fields) && !this.detailTimer) return;
    this.fields = next;
    this.close(); // this push carries any pending detail line
    this.notify();
  }

  private notify(): void {
    const status = this.status();
    for (const listener of [...this.listeners]) {
      try {
        listener(status);
      } catch (error) {
        this.options.onListenerError?.(error);
      }
    }
  }
}
