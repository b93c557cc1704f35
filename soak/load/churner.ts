// Tabs opened and closed in a loop on one lab: connect, attach, look for a moment, leave. Measures how long an
// attach takes under load; every visit takes the terminal over from the previous one.
import type { SoakLearner } from '../support/learner.js';
import { pace, randomBelow, type LoadStats } from './stats.js';
import { describeStart, expectedStart, lostWithoutReplace, TerminalVisit } from './terminal-visit.js';

const LOOK_MS = 500;

export async function churner(
  learner: SoakLearner,
  labId: string,
  stats: LoadStats,
  signal: AbortSignal,
): Promise<void> {
  while (!signal.aborted) {
    const { visit, start } = await TerminalVisit.open(learner, labId, 0);
    try {
      if (start.kind === 'attached') stats.attach.add(start.ms);
      else stats.outcomes.add(`attach: ${describeStart(start)}`, expectedStart(start));
      await pace(randomBelow(LOOK_MS), signal);
      if (lostWithoutReplace(visit))
        stats.outcomes.add("attach: attached, then told 'exited' (nobody typed exit)");
    } finally {
      visit.close();
    }
  }
}
