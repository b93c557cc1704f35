import { setTimeout as pause } from 'node:timers/promises';
import { Latencies, Tally } from '../support/tally.js';

/** Everything the load's clients measure, shared by all of them (one event loop: no locking needed). */
export class LoadStats {
  readonly rest = new Latencies();
  readonly restByRoute = new Map<string, Latencies>();
  readonly check = new Latencies();
  readonly echo = new Latencies();
  readonly echoIdle = new Latencies();
  readonly attach = new Latencies();
  readonly outcomes = new Tally();
  floods = 0;
  floodChars = 0;
  checksCommitted = 0;

  route(name: string): Latencies {
    let latencies = this.restByRoute.get(name);
    if (!latencies) this.restByRoute.set(name, (latencies = new Latencies()));
    return latencies;
  }
}

/** A random whole number in [0, max): which call a REST client makes next, how long a churner holds on. */
export const randomBelow = (max: number): number => Math.floor(Math.random() * max);

/** Waits `ms` (pacing a client, not waiting for a condition) unless the load ends first. */
export async function pace(ms: number, signal: AbortSignal): Promise<void> {
  try {
    await pause(ms, undefined, { signal });
  } catch (error) {
    if ((error as Error).name !== 'AbortError') throw error;
  }
}
