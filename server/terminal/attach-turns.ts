/**
 * One turn at a time per key, in the order asked. The hub opens a lab's shells in turns: every shell runs
 * `tmux new-session -A -D`, which detaches the session's other clients, so a slow older shell opening after a
 * newer one would detach the newer one. Taking turns makes the newest attach open its shell last.
 */
export class AttachTurns {
  /** Per key, a promise that settles when the last turn asked for so far has ended. */
  private readonly tails = new Map<string, Promise<void>>();

  /** Waits for the turns asked for before this one to end; call the returned function to end this one. */
  async take(key: string): Promise<() => void> {
    const before = this.tails.get(key) ?? Promise.resolve();
    let endTurn!: () => void;
    const ended = new Promise<void>((resolve) => (endTurn = resolve));
    const tail = before.then(() => ended);
    this.tails.set(key, tail);
    await before;
    return () => {
      endTurn();
      // nobody queued behind this turn: forget the key, so labs that come and go leave nothing behind
      if (this.tails.get(key) === tail) this.tails.delete(key);
    };
  }
}
