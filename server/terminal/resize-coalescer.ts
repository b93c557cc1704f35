import type { TerminalSize } from './events.js';

/**
 * Resizes a shell with at most one call in flight: sizes that arrive meanwhile replace each other, and only the
 * latest is applied next. Dragging a window edge (or a script sending thousands of resizes) costs a handful of
 * Docker API calls, and the shell always ends at the last size asked for.
 */
export class ResizeCoalescer {
  private wanted: TerminalSize | undefined;
  private running = false;
  private stopped = false;

  constructor(
    private readonly apply: (size: TerminalSize) => Promise<void>,
    private readonly onError: (error: unknown) => void,
  ) {}

  request(size: TerminalSize): void {
    this.wanted = size;
    if (!this.running && !this.stopped) void this.drain();
  }

  stop(): void {
    this.stopped = true;
    this.wanted = undefined;
  }

  private async drain(): Promise<void> {
    this.running = true;
    while (this.wanted && !this.stopped) {
      const size = this.wanted;
      this.wanted = undefined;
      try {
        await this.apply(size);
      } catch (error) {
        // the next size (if any) still gets its turn; the caller logs why this one failed
        this.onError(error);
      }
    }
    this.running = false;
  }
}
