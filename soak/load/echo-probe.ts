// The learner who is just typing: one keystroke at a time on a lab nobody else attaches to, the time until its
// echo is on screen measured (and erased again, so the line stays short).
import type { Latencies, Tally } from '../support/tally.js';
import { pace } from './stats.js';
import type { TerminalVisit } from './terminal-visit.js';

const EVERY_MS = 200;
const ECHO_TIMEOUT_MS = 10_000;

export async function echoProbe(
  terminal: Pick<TerminalVisit, 'roundTrip'>,
  into: Latencies,
  outcomes: Tally,
  signal: AbortSignal,
  limit = Infinity,
): Promise<void> {
  for (let i = 0; i < limit && !signal.aborted; i += 1) {
    // capitals: a prompt (root@controlplane) arriving late has none, so it cannot pass for an echo
    const marker = String.fromCharCode(65 + (i % 26));
    try {
      into.add(await terminal.roundTrip(marker, marker, ECHO_TIMEOUT_MS));
      await terminal.roundTrip('\x7f', '\b', ECHO_TIMEOUT_MS);
    } catch (error) {
      outcomes.add(`echo: ${error instanceof Error ? error.message.split(';')[0] : String(error)}`);
    }
    await pace(EVERY_MS, signal);
  }
}
