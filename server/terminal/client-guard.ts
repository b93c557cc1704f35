import type { TerminalLimits } from './limits.js';
import { monotonicClock, TokenBucket, type Clock } from './token-bucket.js';

/** What to do about a refused event: tell the browser, stay quiet (it was told already), or disconnect it. */
export type RefusalAction = 'notify' | 'quiet' | 'drop';

/**
 * One socket's allowance for the events that cost the server something (attach opens a shell, resize calls the
 * Docker API), and its tolerance for refusals: a person hitting a limit now and then is told; a client that keeps
 * going after being refused is flooding and gets disconnected.
 */
export class ClientGuard {
  private readonly attaches: TokenBucket;
  private readonly resizes: TokenBucket;
  private readonly refusals: TokenBucket;
  /** Refused input is reported once per run of refusals, not once per event. */
  private inputRefusalReported = false;

  constructor(limits: TerminalLimits, clock: Clock = monotonicClock) {
    this.attaches = new TokenBucket(limits.attachPerSocket, clock);
    this.resizes = new TokenBucket(limits.resizeEvents, clock);
    this.refusals = new TokenBucket(limits.refusals, clock);
  }

  allowAttach(): boolean {
    return this.attaches.take();
  }

  /** Milliseconds until this socket may attach again. */
  attachWaitMs(): number {
    return this.attaches.waitMs();
  }

  allowResize(): boolean {
    return this.resizes.take();
  }

  /** Input reached the shell: the next refusal is news again. */
  inputAccepted(): void {
    this.inputRefusalReported = false;
  }

  /** Records a refusal of `kind` and says what to do about it. */
  refused(kind: 'attach' | 'input' | 'resize'): RefusalAction {
    if (!this.refusals.take()) return 'drop';
    if (kind === 'resize') return 'quiet';
    if (kind === 'input') {
      if (this.inputRefusalReported) return 'quiet';
      this.inputRefusalReported = true;
    }
    return 'notify';
  }
}
