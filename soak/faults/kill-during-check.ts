// kill -9 of the server while a Check grades the live cluster, then a restart on the same data dir: earlier
// results must all be there, the interrupted Check must not be recorded (least of all as passed), the lab must
// be ready again (not stuck in grading) and the learner must come back to the same shell.
import { collectEvidence } from '../support/evidence.js';
import { LabWatch } from '../support/lab-watch.js';
import { describeAnswer, type Answer } from '../support/learner.js';
import type { SoakRun } from '../support/session.js';
import { shellPid } from '../support/shell.js';
import { FaultRecorder, type FaultOutcome } from './outcome.js';

const TRIES = 3;

export async function killDuringCheck(soak: SoakRun): Promise<FaultOutcome> {
  const record = new FaultRecorder('kill-check', 'kill -9 during a Check', soak.say);
  const lab = soak.labs[0]!;
  const pidBefore = await shellPid(lab.owner, lab.id);
  const before = await collectEvidence(soak.learners);
  record.evidenceBefore(before);
  const resultsBefore = before.attempts[lab.id]?.length ?? 0;

  let check: Answer | undefined;
  for (let i = 1; i <= TRIES; i += 1) {
    const watch = await LabWatch.open(lab.owner, lab.id);
    const grading = watch.untilState((l) => l.state === 'grading', 30_000, 'the grading state');
    const pending = lab.owner.request('POST', `/api/labs/${lab.id}/check`);
    await grading;
    await soak.server.kill9();
    check = await pending;
    const socketEnd = await watch.untilDisconnected(10_000).catch((error: Error) => error.message);
    watch.close();
    if (check.status === 0) {
      record.learnerSaw(`Check (kill -9 while the lab showed "grading"): ${describeAnswer(check)}`);
      record.learnerSaw(`lab page socket: closed (${socketEnd})`);
      break;
    }
    // the grade finished before SIGKILL landed: a committed result, not an interrupted one; try again
    record.note(`try ${i}: the Check answered (${describeAnswer(check)}) before the kill landed`);
    await soak.server.start();
  }
  if (!soak.server.running) await soak.server.start();
  if (check?.status !== 0) {
    record.warn(
      `no Check was cut short in ${TRIES} tries (grading is faster than the kill); nothing interrupted`,
    );
  }

  const after = await collectEvidence(soak.learners);
  record.evidenceAfter(after);
  const view = await lab.owner.request<{ lab: { state: string; message: string } }>(
    'GET',
    `/api/labs/${lab.id}`,
  );
  record.learnerSaw(
    `after the restart, the lab page: ${view.body ? `${view.body.lab.state} — ${view.body.lab.message}` : describeAnswer(view)}`,
  );
  if (view.body?.lab.state !== 'ready')
    record.fail(`the lab is ${view.body?.lab.state ?? 'unreadable'} after the restart, not ready`);
  const added = (after.attempts[lab.id] ?? []).slice(resultsBefore);
  if (check?.status === 0) {
    if (added.some((a) => a.passed)) record.fail('the interrupted Check was recorded as passed');
    else if (added.length)
      record.note(
        `the interrupted Check was recorded (score ${added[0]?.score}) before the kill: committed, not passed`,
      );
    else record.note('the interrupted Check left no result (it did not happen)');
  }
  const pidAfter = await shellPid(lab.owner, lab.id);
  if (pidAfter === pidBefore) record.learnerSaw(`terminal: the same shell as before (pid ${pidAfter})`);
  else
    record.warn(
      `terminal: a new shell after the restart (pid ${pidBefore} → ${pidAfter}); work in the old one is gone`,
    );
  const again = await lab.owner.request('POST', `/api/labs/${lab.id}/check`);
  record.learnerSaw(
    `Check again: ${again.status === 200 ? 'HTTP 200, result shown' : describeAnswer(again)}`,
  );
  if (again.status !== 200) record.fail(`Check does not work after the restart: ${describeAnswer(again)}`);
  return record.finish();
}
