// Everything one soak run shares: the server, its learners and their labs, the clusters it made, the RSS
// sampler, and a log line printer. Phases and faults receive this one object.
import type { LabView } from '../../server/labs/view.js';
import type { ClusterLedger } from './clusters.js';
import type { SoakLearner } from './learner.js';
import type { SoakOptions } from './options.js';
import type { RssSampler } from './rss.js';
import type { SoakServer } from './server.js';

export interface SoakLab {
  id: string;
  owner: SoakLearner;
}

export interface SoakRun {
  options: SoakOptions;
  server: SoakServer;
  ledger: ClusterLedger;
  rss: RssSampler;
  /** The local user (printed URL), the instructor, and every workshop learner made so far. */
  learners: SoakLearner[];
  instructor: SoakLearner;
  workshopCode: string;
  /** The labs of the load, in the order they were started. */
  labs: SoakLab[];
  /** The tmpfs the data dir lives on (null when it could not be mounted: the data-full fault is skipped). */
  tmpfs: string | null;
  say(line: string): void;
}

/** Labs of every learner as the instructor's overview lists them; records each cluster name in the ledger. */
export async function allLabs(soak: SoakRun): Promise<LabView[]> {
  const answer = await soak.instructor.request<{ labs: LabView[] }>('GET', '/api/instructor/labs');
  if (!answer.body) throw new Error(`the instructor's lab overview answered HTTP ${answer.status}`);
  for (const lab of answer.body.labs) soak.ledger.note(lab.clusterName);
  return answer.body.labs;
}

/** Cluster names of labs that still hold one (not ended, not failed). */
export async function openClusters(soak: SoakRun): Promise<Set<string>> {
  const labs = await allLabs(soak);
  return new Set(
    labs.filter((lab) => lab.state !== 'ended' && lab.state !== 'failed').map((lab) => lab.clusterName),
  );
}
