// The server's data dir is full (its own tmpfs, filled to ENOSPC): a join, a lab start and a Check must each get
// a clear error, the server must keep serving (reads, the terminal), nothing committed before may be lost, and a
// refused write must not come back later. Then: a restart while full, and recovery once space is freed.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DATA_FILE_NAME } from '../../server/store/database.js';
import { echoProbe } from '../load/echo-probe.js';
import { TerminalVisit } from '../load/terminal-visit.js';
import { joinWorkshop, untilReady } from '../phases/setup.js';
import { collectEvidence } from '../support/evidence.js';
import { describeAnswer, SoakLearner, type Answer } from '../support/learner.js';
import { allLabs, type SoakRun } from '../support/session.js';
import { Latencies, Tally } from '../support/tally.js';
import { fillUp, freeBytes, removeFiller } from '../support/tmpfs.js';
import { FaultRecorder, type FaultOutcome } from './outcome.js';

const REFUSED_JOIN = 'learner disk-full';

/** Records what the learner saw for a write the full disk must refuse, and judges how clearly it was said. */
function refusedWrite(record: FaultRecorder, action: string, answer: Answer): void {
  record.learnerSaw(`${action}: ${describeAnswer(answer)}`);
  if (answer.status >= 200 && answer.status < 300)
    record.warn(`${action} answered ${answer.status} although nothing could be written`);
  else if (answer.status === 0)
    record.fail(`${action}: the server gave no answer at all (${answer.network})`);
  else if (answer.status >= 500 && !/disk|space|full|storage/i.test(answer.message ?? ''))
    record.warn(
      `${action}: HTTP ${answer.status} "${answer.message ?? ''}" does not say that the server's disk is full`,
    );
}

export async function dataDirFull(soak: SoakRun): Promise<FaultOutcome> {
  const record = new FaultRecorder('data-full', 'data dir full', soak.say);
  if (!soak.tmpfs)
    return record.skipped('the data dir is not on a tmpfs of its own (mount failed; run as root)');
  const lab = soak.labs[0]!;
  // someone without an open lab, so "start a lab" is a write and not a 409
  const starter =
    soak.learners.find((l) => l.name === 'learner provisioning') ??
    (await joinWorkshop(soak, 'learner disk-full start'));
  record.evidenceBefore(await collectEvidence(soak.learners));
  const filled = await fillUp(soak.tmpfs);
  record.note(
    `filled the data dir's tmpfs with ${(filled / 1024 / 1024).toFixed(1)} MiB; ${await freeBytes(soak.tmpfs)} bytes left`,
  );

  const joined = await SoakLearner.tryJoin(soak.server.origin, REFUSED_JOIN, soak.workshopCode);
  refusedWrite(record, 'join the workshop', joined.answer);
  refusedWrite(
    record,
    'start a lab',
    await starter.request('POST', '/api/labs', { scenarioId: soak.options.scenario }),
  );
  refusedWrite(record, 'Check', await lab.owner.request('POST', `/api/labs/${lab.id}/check`));

  // what needs no write must keep working
  const health = await lab.owner.request('GET', '/healthz');
  const view = await lab.owner.request<{ lab: { state: string; message: string } }>(
    'GET',
    `/api/labs/${lab.id}`,
  );
  record.learnerSaw(
    `healthz: HTTP ${health.status}; lab page: ${view.body ? `${view.body.lab.state} — ${view.body.lab.message}` : describeAnswer(view)}`,
  );
  if (!(await soak.server.alive())) record.fail('the server died when its disk filled up');
  if (view.body && view.body.lab.state !== 'ready')
    record.warn(
      `the lab is left "${view.body.lab.state}" by the refused Check (memory changed, the disk did not)`,
    );
  record.learnerSaw(`terminal: ${await terminalWorks(lab.owner, lab.id)}`);

  // space comes back (someone deletes a file): does the server recover without a restart?
  await removeFiller(soak.tmpfs);
  const freed = await lab.owner.request('POST', `/api/labs/${lab.id}/check`);
  record.learnerSaw(`space freed, Check again without a restart: ${checkLine(freed)}`);
  if (freed.status !== 200)
    record.warn(
      `once space is free, Check is still refused until the server restarts: ${describeAnswer(freed)}`,
    );
  await endStrayLabs(soak, record);

  // a restart while the disk is full again: what the operator sees
  await fillUp(soak.tmpfs);
  await soak.server.kill9();
  try {
    await soak.server.start(60_000);
    record.note('restart while full: the server came up');
  } catch (error) {
    const why = (error as Error).message.split('\n').filter((l) => /ENOSPC|no space/i.test(l));
    record.note(
      `restart while full: the server did not start; it printed: ${why.at(-1)?.slice(0, 240) ?? 'no error line'}`,
    );
  }
  await removeFiller(soak.tmpfs);
  if (!soak.server.running) await soak.server.start();
  await untilReady(lab.owner, lab.id).catch((error: Error) => record.fail(error.message));
  const restarted = await lab.owner.request('POST', `/api/labs/${lab.id}/check`);
  record.learnerSaw(`after the restart with space, Check: ${checkLine(restarted)}`);
  if (restarted.status !== 200)
    record.fail(`Check does not work after the restart: ${describeAnswer(restarted)}`);

  // what is on disk must hold everything committed before the disk filled up, and no refused write
  record.evidenceAfter(await collectEvidence(soak.learners));
  const onDisk = JSON.parse(await readFile(join(soak.server.dataDir, DATA_FILE_NAME), 'utf8')) as {
    learners: { name: string }[];
  };
  if (!joined.learner && onDisk.learners.some((l) => l.name === REFUSED_JOIN))
    record.warn(
      `the join refused while full was written later: learner "${REFUSED_JOIN}" is in the data file`,
    );
  return record.finish();
}

const checkLine = (answer: Answer): string =>
  answer.status === 200 ? 'HTTP 200, result shown' : describeAnswer(answer);

async function terminalWorks(learner: SoakLearner, labId: string): Promise<string> {
  const echo = new Latencies();
  const errors = new Tally();
  try {
    const terminal = await TerminalVisit.shell(learner, labId, 30_000);
    await echoProbe(terminal, echo, errors, new AbortController().signal, 5);
    terminal.close();
  } catch (error) {
    errors.add((error as Error).message);
  }
  return echo.count ? `works (echo ${echo.describe()})` : [...errors.unexpected.keys()].join('; ');
}

/** A start refused for want of space must leave no lab behind; one that did is reported and ended. */
async function endStrayLabs(soak: SoakRun, record: FaultRecorder): Promise<void> {
  const known = new Set(soak.labs.map((l) => l.id));
  for (const lab of await allLabs(soak)) {
    if (known.has(lab.id) || lab.state === 'ended' || lab.state === 'failed') continue;
    record.warn(
      `a lab started while the disk was full exists anyway: ${lab.id} (${lab.state}: ${lab.message})`,
    );
    const ended = await soak.instructor.request('POST', `/api/labs/${lab.id}/end`);
    if (ended.status !== 200) record.note(`ending it: ${describeAnswer(ended)}`);
  }
}
