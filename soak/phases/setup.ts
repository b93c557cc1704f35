// The run's people and labs: the local user signs in with the printed URL, the instructor opens a workshop, the
// other learners join it with its code; each learner starts one lab and checks it once (the first committed
// result every later fault must keep).
import type { LabView } from '../../server/labs/view.js';
import { LabWatch } from '../support/lab-watch.js';
import { describeAnswer, SoakLearner } from '../support/learner.js';
import type { SoakLab, SoakRun } from '../support/session.js';
import type { SoakServer } from '../support/server.js';

export const PROVISION_TIMEOUT_MS = 10 * 60_000;

export interface People {
  local: SoakLearner;
  instructor: SoakLearner;
  workshopCode: string;
}

export async function signInPeople(server: SoakServer): Promise<People> {
  const local = await SoakLearner.signIn('local user', server.openUrl);
  const instructor = await SoakLearner.signIn('instructor', server.instructorUrl);
  const workshop = await instructor.request<{ workshop: { code: string } }>(
    'POST',
    '/api/instructor/workshops',
    {
      title: 'soak',
    },
  );
  if (!workshop.body) throw new Error(`creating a workshop: ${describeAnswer(workshop)}`);
  return { local, instructor, workshopCode: workshop.body.workshop.code };
}

export async function joinWorkshop(soak: SoakRun, name: string): Promise<SoakLearner> {
  const learner = await SoakLearner.join(soak.server.origin, name, soak.workshopCode);
  soak.learners.push(learner);
  return learner;
}

/** POST /api/labs for the learner; the answer's cluster name goes into the ledger at once. */
export async function startLab(soak: SoakRun, learner: SoakLearner): Promise<LabView> {
  const answer = await learner.request<{ lab: LabView }>('POST', '/api/labs', {
    scenarioId: soak.options.scenario,
  });
  if (!answer.body)
    throw new Error(`${learner.name} could not start ${soak.options.scenario}: ${describeAnswer(answer)}`);
  soak.ledger.note(answer.body.lab.clusterName);
  return answer.body.lab;
}

/** Waits on the lab's socket until it is ready; rejects with the lab's own message when it fails or ends. */
export async function untilReady(
  learner: SoakLearner,
  labId: string,
  timeoutMs = PROVISION_TIMEOUT_MS,
): Promise<LabView> {
  const watch = await LabWatch.open(learner, labId);
  try {
    const lab = await watch.untilState(
      (l) => ['ready', 'failed', 'ended'].includes(l.state),
      timeoutMs,
      `lab ${labId} ready`,
    );
    if (lab.state !== 'ready') throw new Error(`lab ${labId} is ${lab.state}: ${lab.message}`);
    return lab;
  } finally {
    watch.close();
  }
}

/** Starts `count` labs at once (the local user and count-1 workshop learners) and checks each once. */
export async function startLoadLabs(soak: SoakRun, local: SoakLearner): Promise<{ readySeconds: number[] }> {
  const owners = [local];
  for (let i = 2; i <= soak.options.labs; i += 1) owners.push(await joinWorkshop(soak, `learner ${i}`));
  const started = performance.now();
  const labs = await Promise.all(owners.map((owner) => startLab(soak, owner)));
  soak.labs.push(...labs.map((lab, i): SoakLab => ({ id: lab.id, owner: owners[i] ?? local })));
  soak.say(`started ${labs.length} ${soak.options.scenario} labs: ${labs.map((l) => l.id).join(', ')}`);
  const readySeconds = await Promise.all(
    soak.labs.map(async (lab) => {
      await untilReady(lab.owner, lab.id);
      return (performance.now() - started) / 1000;
    }),
  );
  for (const lab of soak.labs) {
    const check = await lab.owner.request('POST', `/api/labs/${lab.id}/check`);
    if (check.status !== 200) throw new Error(`the first Check of lab ${lab.id}: ${describeAnswer(check)}`);
  }
  soak.say(`labs ready after ${readySeconds.map((s) => s.toFixed(0)).join(', ')} s; each checked once`);
  return { readySeconds };
}
