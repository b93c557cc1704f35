/**
 * Backpressure between the node's shell and the browser, in wetty's style: the server counts characters it
 * sent and the browser acknowledges what xterm has rendered. Past the high watermark the shell's output stream
 * is paused (the pty fills and the program blocks, as on a slow real terminal); below the low watermark it resumes.
 */
export class FlowControl {
  private unacked = 0;
  private paused = false;

  constructor(
    readonly highWater = 128 * 1024,
    readonly lowWater = 16 * 1024,
  ) {
    if (!(lowWater < highWater)) throw new Error('flow control: lowWater must be below highWater');
  }

  /** Records output sent; true when the producer must pause now. */
  sent(chars: number): boolean {
    this.unacked += chars;
    if (!this.paused && this.unacked > this.highWater) {
      this.paused = true;
      return true;
    }
    return false;
  }

  /** Records an acknowledgement; true when the producer may resume now. */
  acked(chars: number): boolean {
    this.unacked = Math.max(0, this.unacked - chars);
    if (this.paused && this.unacked < this.lowWater) {
      this.paused = false;
      return true;
    }
    return false;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  get pending(): number {
    return this.unacked;
  }
}
