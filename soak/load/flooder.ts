// A learner who floods the terminal (`yes`, a big file through base64) and whose browser reads slowly (acks in
// batches): the server's flow control must hold the shell back instead of buffering the flood in memory.
import type { SoakLearner } from '../support/learner.js';
import { pace, type LoadStats } from './stats.js';
import { describeStart, expectedStart, lostWithoutReplace, TerminalVisit } from './terminal-visit.js';

const FLOODS = ['yes\r', 'base64 /usr/bin/kubectl\r', 'seq 1 100000000\r'];
const HOLD_MS = 3000;
const SLOW_ACK_MS = 250;

export async function flooder(
  learner: SoakLearner,
  labId: string,
  stats: LoadStats,
  signal: AbortSignal,
): Promise<void> {
  let round = 0;
  while (!signal.aborted) {
    const { visit, start } = await TerminalVisit.open(learner, labId, SLOW_ACK_MS);
    try {
      if (start.kind !== 'attached') {
        stats.outcomes.add(`flood attach: ${describeStart(start)}`, expectedStart(start));
        await pace(SLOW_ACK_MS, signal); // not in a tight loop while the terminal is not to be had
        continue;
      }
      const before = visit.chars;
      visit.type(FLOODS[round++ % FLOODS.length] ?? 'yes\r');
      await pace(HOLD_MS, signal);
      visit.type('\x03'); // Ctrl-C, so the next flooder starts its own flood
      stats.floods += 1;
      stats.floodChars += visit.chars - before;
      if (visit.chars === before) stats.outcomes.add('flood: no output within 3 s');
      if (lostWithoutReplace(visit))
        stats.outcomes.add("flood: attached, then told 'exited' (nobody typed exit)");
    } finally {
      visit.close();
    }
  }
}
