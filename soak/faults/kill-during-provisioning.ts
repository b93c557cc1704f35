// kill -9 of the server while a lab's cluster is being created (its first node container has just started),
// then a restart on the same data dir: the lab must be retried or failed/ended with a message, the learner's
// session and every result must still be there, and no cluster of this run may be left without an open lab.
import { KIND_CLUSTER_LABEL } from '../../server/clusters/kind/docker.js';
import type { LabView } from '../../server/labs/view.js';
import { startLab, joinWorkshop, PROVISION_TIMEOUT_MS } from '../phases/setup.js';
import { nextDockerEvent } from '../support/docker-events.js';
import { collectEvidence } from '../support/evidence.js';
import { LabWatch } from '../support/lab-watch.js';
import { describeAnswer } from '../support/learner.js';
import { TerminalVisit } from '../load/terminal-visit.js';
import { openClusters, type SoakRun } from '../support/session.js';
import { FaultRecorder, type FaultOutcome } from './outcome.js';

export async function killDuringProvisioning(soak: SoakRun): Promise<FaultOutcome> {
  const record = new FaultRecorder('kill-provisioning', 'kill -9 during provisioning', soak.say);
  const learner = await joinWorkshop(soak, 'learner provisioning');
  record.evidenceBefore(await collectEvidence(soak.learners));

  const lab = await startLab(soak, learner);
  const watch = await LabWatch.open(learner, lab.id);
  const nodeStarted = await nextDockerEvent(
    ['type=container', 'event=start', `label=${KIND_CLUSTER_LABEL}=${lab.clusterName}`],
    PROVISION_TIMEOUT_MS,
    `a node container of ${lab.clusterName}`,
  );
  await soak.server.kill9();
  const shown = watch.states.at(-1);
  record.learnerSaw(
    `Start: HTTP 202; at the kill (${nodeStarted}) the page showed: ${shown?.message ?? 'nothing'}`,
  );
  record.learnerSaw(
    `lab page socket: closed (${await watch.untilDisconnected(10_000).catch((e: Error) => e.message)})`,
  );
  watch.close();
  const orphanedCreates = await soak.ledger.kindCreatesLeft();
  if (orphanedCreates.length)
    record.note(
      `left running by the killed server: kind create for ${orphanedCreates.map((p) => `${p.cluster} (pid ${p.pid})`).join(', ')}`,
    );

  await soak.server.start();
  const after = await LabWatch.open(learner, lab.id);
  let final: LabView | undefined;
  try {
    const first = await after.untilState(() => true, 30_000, 'a lab state');
    record.learnerSaw(`after the restart: ${first.state} — ${first.message}`);
    final = await after.untilState(
      (l) => ['ready', 'failed', 'ended'].includes(l.state),
      PROVISION_TIMEOUT_MS,
      'the lab to settle',
    );
    record.learnerSaw(`then: ${final.state} — ${final.message}`);
  } catch (error) {
    record.fail(`the interrupted lab did not settle: ${(error as Error).message}`);
  } finally {
    after.close();
  }
  if (final?.state === 'ready') {
    await TerminalVisit.shell(learner, lab.id, 60_000).then(
      (terminal) => {
        terminal.close();
        record.learnerSaw('terminal: a shell prompt on the retried cluster');
      },
      (error: Error) =>
        record.fail(`the retried lab is ready but its terminal gives no prompt: ${error.message}`),
    );
  } else if (final) {
    record.warn(`the interrupted lab ended as ${final.state} instead of being retried (${final.message})`);
  }

  record.evidenceAfter(await collectEvidence(soak.learners));
  const orphans = await soak.ledger.orphans(await openClusters(soak));
  const stillCreating = await soak.ledger.kindCreatesLeft();
  if (orphans.length) record.fail(`orphaned clusters: ${orphans.join('; ')}`);
  else
    record.note(
      `no orphaned cluster: every cluster this run made either belongs to an open lab or has no node container and no network left`,
    );
  if (stillCreating.length)
    record.warn(
      `kind create of the killed server still running: ${stillCreating.map((p) => `pid ${p.pid}`).join(', ')}`,
    );

  // the lab has served its purpose; ending it frees its slot and checks that End deletes its cluster
  const ended = await learner.request('POST', `/api/labs/${lab.id}/end`);
  const left = await soak.ledger.remains(final?.clusterName ?? lab.clusterName);
  if (ended.status !== 200) record.warn(`ending the retried lab: ${describeAnswer(ended)}`);
  else if (left.length) record.fail(`End answered 200 but the cluster remains: ${left.join(', ')}`);
  return record.finish();
}
