// A cks-lab server reconciles at start: it deletes every lab-shaped cluster (cks-xxxxxxxx) its data file does not
// own — on a shared engine, other engineers' labs too. So before each start of the soak's server, lab-shaped
// clusters that are not this run's must be gone; the guard waits for them on Docker's event stream, bounded.
import { KIND_CLUSTER_LABEL } from '../../server/clusters/kind/docker.js';
import type { ClusterLedger } from './clusters.js';
import { nextDockerEvent } from './docker-events.js';

export class ForeignClustersError extends Error {
  override name = 'ForeignClustersError';
}

export async function untilNoForeignLabClusters(
  ledger: ClusterLedger,
  timeoutMs: number,
  say: (line: string) => void,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let announced = false;
  for (;;) {
    const foreign = await ledger.foreignLabShaped();
    if (!foreign.length) return;
    const left = deadline - Date.now();
    if (left <= 0)
      throw new ForeignClustersError(
        `lab clusters this run did not make exist (${foreign.join(', ')}): a cks-lab server started now would delete them. Run the soak when no other cks-lab server or test has labs on this Docker engine.`,
      );
    if (!announced)
      say(
        `waiting up to ${Math.round(left / 1000)} s for other people's lab clusters to go: ${foreign.join(', ')}`,
      );
    announced = true;
    await nextDockerEvent(
      ['type=container', 'event=destroy', `label=${KIND_CLUSTER_LABEL}`],
      left,
      'a kind node to go',
    ).catch((error: Error) => say(`  (${error.message})`));
  }
}
