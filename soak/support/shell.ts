import { TerminalVisit } from '../load/terminal-visit.js';
import type { SoakLearner } from './learner.js';

/**
 * The pid of the lab's shell as the learner's terminal shows it (`echo $$`): the same pid after a server restart
 * proves the learner came back to the same shell (tmux in the node), not a new one.
 */
export async function shellPid(learner: SoakLearner, labId: string, timeoutMs = 60_000): Promise<string> {
  const terminal = await TerminalVisit.shell(learner, labId, timeoutMs);
  try {
    const tag = `soak${Date.now() % 100_000}`;
    const pattern = new RegExp(`${tag}-(\\d+)-end`);
    const mark = terminal.chars;
    await terminal.roundTrip(`echo ${tag}-$$-end\r`, pattern, timeoutMs);
    const pid = pattern.exec(terminal.since(mark))?.[1];
    if (!pid) throw new Error(`no shell pid on screen: ${JSON.stringify(terminal.since(mark).slice(-200))}`);
    return pid;
  } finally {
    terminal.close();
  }
}
