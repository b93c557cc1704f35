import type { ClusterSource, Lab, LabProgress, LabState } from '../store/index.js';

/** A lab as the browser sees it: no cluster internals beyond the name, plus where it stands in the queue. */
export interface LabView {
  id: string;
  learnerId: string;
  scenarioId: string;
  state: LabState;
  clusterName: string;
  createdAt: string;
  readyAt: string | null;
  endedAt: string | null;
  progress: LabProgress | null;
  /** Where the lab's cluster came from (created for it, or taken from the warm pool); null until provisioning knows. */
  clusterSource: ClusterSource | null;
  /** 1-based place in the start queue while the lab waits for a slot. */
  queuePosition: number | null;
  /** One sentence saying what is happening and, where needed, what to do. */
  message: string;
}

function describe(lab: Lab, queuePosition: number | null, maxLabs: number, platformReady: boolean): string {
  switch (lab.state) {
    case 'requested':
      if (!platformReady) {
        return 'Your lab waits for the lab platform (the server is building its node image, or needs a command run; the catalog shows which) and starts by itself once it is ready.';
      }
      return `All ${maxLabs} lab slots on this server are in use; you are number ${queuePosition ?? '?'} in the queue. Your lab starts by itself when a slot frees up.`;
    case 'provisioning': {
      const where =
        lab.clusterSource === 'pool' || lab.clusterSource === 'staged'
          ? ' on a ready cluster from the pool'
          : '';
      return lab.progress
        ? `Preparing your lab${where}: ${lab.progress.step} (${lab.progress.index}/${lab.progress.total}).`
        : `Preparing your lab${where}.`;
    }
    case 'ready':
      return 'Your lab is ready.';
    case 'grading':
      return 'Checking your work against the live cluster.';
    case 'ended':
      return lab.reason ? `This lab has ended: ${lab.reason}.` : 'This lab has ended.';
    case 'failed':
      return `This lab could not be prepared: ${lab.reason ?? 'unknown error'}. Reset it to try again; if it fails again, run "npx cks-lab doctor" on the server.`;
  }
}

/** platformReady false: labs cannot get clusters yet (PlatformGate), which is why a queued lab waits. */
export function toLabView(lab: Lab, queue: readonly Lab[], maxLabs: number, platformReady = true): LabView {
  const index = queue.findIndex((q) => q.id === lab.id);
  const queuePosition = lab.state === 'requested' && index >= 0 ? index + 1 : null;
  return {
    id: lab.id,
    learnerId: lab.learnerId,
    scenarioId: lab.scenarioId,
    state: lab.state,
    clusterName: lab.clusterName,
    createdAt: lab.createdAt,
    readyAt: lab.readyAt ?? null,
    endedAt: lab.endedAt ?? null,
    progress: lab.progress,
    clusterSource: lab.clusterSource ?? null,
    queuePosition,
    message: describe(lab, queuePosition, maxLabs, platformReady),
  };
}
