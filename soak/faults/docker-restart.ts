// The Docker engine restarts under running labs (stopped, then started again by `npx cks-lab host prepare`).
// The engine is shared with other engineers' clusters, so this runs only when every kind cluster on it is ours.
// Reported: what the learner's open terminal, the lab page and Check show while the engine is down and after,
// whether the node containers come back and the learner gets the same shell, and what a server restart makes of
// the labs; sessions and results must survive all of it.
import { KIND_CLUSTER_LABEL } from '../../server/clusters/kind/docker.js';
import { run } from '../../server/exec/run.js';
import type { LabView } from '../../server/labs/view.js';
import { describeStart, statusKind, TerminalVisit } from '../load/terminal-visit.js';
import { engineUp, prepareHost, stopEngine } from '../support/engine.js';
import { collectEvidence } from '../support/evidence.js';
import { describeAnswer, type SoakLearner } from '../support/learner.js';
import type { SoakRun } from '../support/session.js';
import { shellPid } from '../support/shell.js';
import { FaultRecorder, type FaultOutcome } from './outcome.js';

const RELOADS = 6;
const RELOAD_TIMEOUT_MS = 30_000;

/** Set while this run has the engine stopped, so clean-up starts it again whatever happens. */
export const engineState = { stoppedByUs: false };

export async function dockerRestart(soak: SoakRun): Promise<FaultOutcome> {
  const record = new FaultRecorder('docker-restart', 'Docker engine restart during a lab', soak.say);
  const foreign = await soak.ledger.foreignRunning();
  if (foreign.length)
    return record.skipped(
      `kind clusters this run did not make run on the shared engine (${foreign.join(', ')}); restarting it would stop them`,
    );
  const lab = soak.labs[0]!;
  const pidBefore = await shellPid(lab.owner, lab.id);
  record.evidenceBefore(await collectEvidence(soak.learners));
  const { visit } = await TerminalVisit.open(lab.owner, lab.id, 0);

  engineState.stoppedByUs = true;
  record.note(`stopped the engine: ${await stopEngine()}`);
  const status = await new Promise<string>((resolve) => {
    const timer = setTimeout(() => resolve('no terminal status within 20 s (the screen just stops)'), 20_000);
    visit.socket.once('terminal:status', (s) => {
      clearTimeout(timer);
      resolve(statusKind(s));
    });
    if (visit.statuses.length > 1) resolve(statusKind(visit.statuses.at(-1)!));
  });
  visit.close();
  record.learnerSaw(`open terminal while the engine is down: ${status}`);
  if (status === 'exited')
    record.warn('the open terminal says the shell exited; nothing tells the learner that Docker stopped');
  const pageDown = await labLine(lab.owner, lab.id);
  record.learnerSaw(`lab page while down: ${pageDown}`);
  if (pageDown.startsWith('ready')) record.warn('the lab page says "ready" while the Docker engine is down');
  const checkDown = await lab.owner.request('POST', `/api/labs/${lab.id}/check`);
  record.learnerSaw(`Check while down: ${describeAnswer(checkDown)}`);
  const { visit: again, start } = await TerminalVisit.open(lab.owner, lab.id, 0);
  again.close();
  record.learnerSaw(`reopening the terminal while down: ${describeStart(start)}`);
  const internals = [checkDown.message ?? '', describeStart(start)].filter((m) =>
    /command exited|\/root\//.test(m),
  );
  if (internals.length)
    record.warn(
      `${internals.length} answer(s) show an internal command line (kind get …) instead of saying the Docker engine is not answering`,
    );

  const restarted = performance.now();
  await prepareHost();
  engineState.stoppedByUs = false;
  record.note(
    `engine up again (npx cks-lab host prepare) after ${((performance.now() - restarted) / 1000).toFixed(0)} s`,
  );
  record.note(`node containers after the restart: ${await nodeStates(soak)}`);

  // the learner reloads the page until the terminal is back, as they would
  let pidAfter: string | undefined;
  for (let i = 1; i <= RELOADS && !pidAfter; i += 1) {
    pidAfter = await shellPid(lab.owner, lab.id, RELOAD_TIMEOUT_MS).catch((error: Error) => {
      if (i === RELOADS)
        record.learnerSaw(`terminal after ${RELOADS} reloads: ${error.message.split(';')[0]}`);
      return undefined;
    });
  }
  if (pidAfter === pidBefore)
    record.learnerSaw(`terminal after the restart: the same shell (pid ${pidAfter})`);
  else if (pidAfter)
    record.learnerSaw(`terminal after the restart: a new shell (pid ${pidBefore} → ${pidAfter})`);
  else record.warn('the lab shows ready but its terminal never came back after the engine restart');
  const check = await lab.owner.request('POST', `/api/labs/${lab.id}/check`);
  record.learnerSaw(
    `Check after the restart: ${check.status === 200 ? 'HTTP 200, result shown' : describeAnswer(check)}`,
  );
  if (check.status !== 200) record.warn(`Check fails after the engine restart: ${describeAnswer(check)}`);

  // what a server restart (reconcile with `kind get clusters`) makes of labs whose engine restarted
  await soak.server.restart();
  record.learnerSaw(`after a server restart, lab page: ${await labLine(lab.owner, lab.id)}`);
  record.evidenceAfter(await collectEvidence(soak.learners));
  return record.finish();
}

async function labLine(learner: SoakLearner, labId: string): Promise<string> {
  const answer = await learner.request<{ lab: LabView }>('GET', `/api/labs/${labId}`);
  return answer.body ? `${answer.body.lab.state} — ${answer.body.lab.message}` : describeAnswer(answer);
}

/** "cks-ab12cd34-control-plane running, …" for this run's clusters. */
async function nodeStates(soak: SoakRun): Promise<string> {
  const result = await run(
    [
      'docker',
      'ps',
      '--all',
      '--filter',
      `label=${KIND_CLUSTER_LABEL}`,
      '--format',
      '{{.Names}} {{.State}} ({{.Status}})',
    ],
    { timeoutMs: 30_000 },
  );
  const ours = result.stdout
    .split('\n')
    .filter((line) => soak.ledger.all.some((name) => line.startsWith(`${name}-`)));
  return ours.join(', ') || 'none';
}

/** Clean-up: the engine must be up when the soak ends, whatever happened above. */
export async function ensureEngineUp(say: (line: string) => void): Promise<void> {
  if (!engineState.stoppedByUs && (await engineUp())) return;
  say('starting the Docker engine again (npx cks-lab host prepare)');
  await prepareHost();
  engineState.stoppedByUs = false;
}
