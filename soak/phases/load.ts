// The load: `clients` concurrent clients against the one server for `seconds` — a tenth flood a terminal and
// read slowly, three tenths open and close terminals in a loop, the rest call the REST API (with a Check now and
// then) — while one learner types on a lab of their own and the keystroke echo is measured.
import { setMaxListeners } from 'node:events';
import { availableParallelism, loadavg } from 'node:os';
import { churner } from '../load/churner.js';
import { echoProbe } from '../load/echo-probe.js';
import { flooder } from '../load/flooder.js';
import { restCaller } from '../load/rest-caller.js';
import { LoadStats } from '../load/stats.js';
import { describeStart, TerminalVisit } from '../load/terminal-visit.js';
import { collectEvidence, compareEvidence, type EvidenceDiff } from '../support/evidence.js';
import type { SoakLab, SoakRun } from '../support/session.js';

export interface LoadResult {
  stats: LoadStats;
  /** The host's 1-minute load average as the load began and ended (other work on the machine shows here). */
  hostLoad: { cores: number; before: number; after: number };
  clients: { rest: number; churn: number; flood: number };
  /** The server process was gone when the load ended (we did not kill it). */
  crashed: boolean;
  evidence: EvidenceDiff;
  notes: string[];
}

const IDLE_ECHO_SAMPLES = 20;

/** Which lab each kind of client uses: the echo probe's lab gets no terminal visitors when there are 3 labs. */
function assignLabs(labs: readonly SoakLab[]): { probe: SoakLab; flood: SoakLab; churn: SoakLab[] } {
  const at = (i: number): SoakLab => labs[Math.min(i, labs.length - 1)] ?? labs[0]!;
  return { probe: at(0), flood: at(1), churn: labs.length > 2 ? labs.slice(2) : [at(2)] };
}

export async function runLoad(soak: SoakRun): Promise<LoadResult> {
  const { clients, seconds, thinkMs } = soak.options;
  const stats = new LoadStats();
  const notes: string[] = [];
  const before = await collectEvidence(soak.learners);
  const labs = assignLabs(soak.labs);
  if (labs.probe === labs.flood || labs.churn.includes(labs.probe))
    notes.push(
      'fewer than 3 labs: the echo probe shares its lab with terminal visitors, so some echoes are lost',
    );

  const terminal = await TerminalVisit.shell(labs.probe.owner, labs.probe.id, 60_000);
  await echoProbe(terminal, stats.echoIdle, stats.outcomes, new AbortController().signal, IDLE_ECHO_SAMPLES);

  const flood = Math.round(clients * 0.1);
  const churn = Math.round(clients * 0.3);
  const rest = clients - flood - churn;
  soak.say(`load: ${rest} REST clients, ${churn} attach/detach clients, ${flood} flooders for ${seconds} s`);
  soak.rss.phase = 'load';
  const loadBefore = loadavg()[0] ?? NaN;
  const signal = AbortSignal.timeout(seconds * 1000);
  // every client paces on this one signal: that many listeners is the design, not a leak
  setMaxListeners(clients + 10, signal);
  const tasks: Promise<void>[] = [echoProbe(terminal, stats.echo, stats.outcomes, signal)];
  for (let i = 0; i < rest; i += 1) {
    const lab = soak.labs[i % soak.labs.length]!;
    tasks.push(restCaller(lab.owner, lab.id, stats, thinkMs, signal));
  }
  for (let i = 0; i < churn; i += 1) {
    const lab = labs.churn[i % labs.churn.length]!;
    tasks.push(churner(lab.owner, lab.id, stats, signal));
  }
  for (let i = 0; i < flood; i += 1) tasks.push(flooder(labs.flood.owner, labs.flood.id, stats, signal));
  await Promise.all(tasks);
  soak.rss.phase = 'after load';
  const hostLoad = { cores: availableParallelism(), before: loadBefore, after: loadavg()[0] ?? NaN };
  terminal.close();

  notes.push(await quietFlood(labs.flood));
  const crashed = !(await soak.server.alive());
  const evidence = crashed
    ? { lost: ['the server crashed during the load'], changes: [] }
    : compareEvidence(before, await collectEvidence(soak.learners));
  return { stats, hostLoad, clients: { rest, churn, flood }, crashed, evidence, notes };
}

/** Stops whatever flood the last flooder left running, and says whether the shell prompt came back. */
async function quietFlood(lab: SoakLab): Promise<string> {
  const { visit, start } = await TerminalVisit.open(lab.owner, lab.id, 0);
  try {
    if (start.kind !== 'attached')
      return `the flooded lab's terminal did not open after the load (${describeStart(start)})`;
    visit.type('\x03');
    await visit.answers(30_000);
    return "the flooded lab's shell gave its prompt back after Ctrl-C";
  } catch (error) {
    return `the flooded lab's shell did not give its prompt back: ${(error as Error).message}`;
  } finally {
    visit.close();
  }
}
