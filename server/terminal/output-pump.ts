import type { Duplex } from 'node:stream';
import type { Logger } from '../log.js';
import type { TerminalClient } from './client.js';
import { FlowControl } from './flow-control.js';
import type { TerminalLimits } from './limits.js';

export type OutputLimits = Pick<TerminalLimits, 'unsentHigh' | 'unsentLow' | 'unsentHardCap' | 'stallMs'>;

export interface OutputPumpOptions {
  stream: Duplex;
  client: TerminalClient;
  /** Acknowledgement watermarks (characters sent but not yet rendered by xterm). */
  flow: FlowControl;
  limits: OutputLimits;
  logger: Logger;
  labId: string;
  /** Sees every chunk the browser is sent (the terminal recording). */
  onOutput?: (data: string) => void;
}

/**
 * Shell output → browser. The shell is paused while either the browser has not acknowledged enough (xterm is
 * behind) or the server still holds too much it could not write to the connection (the browser acknowledges but
 * does not read). A browser that stays behind on the connection for stallMs, or passes the hard cap, is dropped.
 */
export class OutputPump {
  private readonly decoder = new TextDecoder('utf-8');
  private pending = '';
  private flushScheduled = false;
  /** The connection is backed up: set above unsentHigh, cleared below unsentLow. */
  private transportFull = false;
  private stallTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly unsubscribeDrain: () => void;

  constructor(private readonly options: OutputPumpOptions) {
    const { stream, client } = options;
    stream.on('data', (chunk: Buffer) => {
      // streaming decode: a multi-byte character split across chunks is held back, not mangled
      this.pending += this.decoder.decode(chunk, { stream: true });
      // a burst within one event-loop turn must not pile up before the flush looks at the limits
      if (this.overHighWater()) stream.pause();
      this.scheduleFlush();
    });
    this.unsubscribeDrain = client.onDrain(() => {
      if (this.transportFull) this.settle();
    });
  }

  /** The browser rendered `chars` more characters. */
  ack(chars: number): void {
    this.options.flow.acked(chars);
    this.settle();
  }

  /** Sends what is buffered now (the shell ended). */
  flush(): void {
    this.flushScheduled = false;
    if (this.stopped || !this.pending) return;
    const data = this.pending;
    this.pending = '';
    this.options.client.output(data);
    this.options.onOutput?.(data);
    this.options.flow.sent(data.length);
    this.settle();
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribeDrain();
    clearTimeout(this.stallTimer);
    this.stallTimer = undefined;
  }

  /** Coalesces bursts: one socket message per event-loop turn. */
  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => this.flush());
  }

  /** Pauses or resumes the shell from the current numbers; drops a browser over the hard cap. */
  private settle(): void {
    if (this.stopped) return;
    const { stream, client, flow, limits } = this.options;
    const unsent = client.unsentBytes();
    if (unsent > limits.unsentHardCap) {
      this.dropClient(unsent, 'it held more unread terminal output than the server keeps for it');
      return;
    }
    this.transportFull = this.transportFull ? unsent > limits.unsentLow : unsent > limits.unsentHigh;
    this.watchStall();
    const hold = flow.isPaused || this.transportFull || this.overHighWater();
    if (hold && !stream.isPaused()) stream.pause();
    else if (!hold && stream.isPaused()) stream.resume();
  }

  /** Output not yet flushed counts as unacknowledged already: it will be once it is sent. */
  private overHighWater(): boolean {
    const { flow } = this.options;
    return this.pending.length + flow.pending > flow.highWater;
  }

  /** The stall deadline runs while the connection is backed up, and is cancelled once it drains. */
  private watchStall(): void {
    if (!this.transportFull) {
      clearTimeout(this.stallTimer);
      this.stallTimer = undefined;
      return;
    }
    if (this.stallTimer) return;
    this.stallTimer = setTimeout(() => {
      this.stallTimer = undefined;
      const unsent = this.options.client.unsentBytes();
      if (unsent > this.options.limits.unsentLow) {
        this.dropClient(
          unsent,
          `it read no terminal output for ${Math.round(this.options.limits.stallMs / 1000)} s`,
        );
      } else this.settle();
    }, this.options.limits.stallMs);
    this.stallTimer.unref();
  }

  private dropClient(unsent: number, why: string): void {
    const { client, logger, labId } = this.options;
    // the warning itself comes from client.drop, with the message the browser gets
    logger.info(
      { lab: labId, client: client.id, unsentBytes: unsent },
      'a browser is not reading its output',
    );
    this.stop();
    client.drop(
      `The terminal was disconnected: ${why} (a stalled or very slow connection). Reload the page to reconnect.`,
    );
  }
}
