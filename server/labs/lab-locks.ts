/**
 * One queue per lab: a state change (check's ready → grading, reset, end, the queue starting a lab) reads the lab
 * and writes it with no other change of the same lab in between. Without it, two requests both read "ready" before
 * either wrote, and both acted. Sections must stay short and never wait for another section of the same lab
 * (grading and provisioning run outside them and are cancelled from inside).
 */
export class LabLocks {
  private readonly tails = new Map<string, Promise<void>>();

  /** Runs fn once every earlier section of this lab has finished; resolves or rejects with fn's outcome. */
  run<T>(labId: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(labId) ?? Promise.resolve();
    const result = previous.then(fn);
    // the next section waits for this one however it ends; a failure belongs to this caller alone
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(labId, tail);
    void tail.then(() => {
      if (this.tails.get(labId) === tail) this.tails.delete(labId);
    });
    return result;
  }
}
