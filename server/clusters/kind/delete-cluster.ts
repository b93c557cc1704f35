import { join } from 'node:path';
import type { CredentialStore } from '../../kube/index.js';
import { freezerRoots, thawFrozenCgroups } from '../frozen-cgroups.js';
import {
  CKS_LAB_CLUSTER_LABEL,
  containerIds,
  KIND_CLUSTER_LABEL,
  containersWithLabel,
  networkLabel,
  removeContainers,
  removeNetwork,
  removeVolumes,
  volumesOf,
} from './docker.js';
import { kindDeleteCluster } from './kind-cli.js';
import { networkName } from './names.js';
import { withTempDir } from './temp-dir.js';

/**
 * Removes a cluster and everything it owns: node containers, their anonymous /var volumes, its Docker network
 * (only when cks-lab created it) and its grader credentials. Absent pieces are fine, so this also cleans up after a
 * half-finished create. The host firewall keeps its rules: they match every lab bridge by its name prefix, so
 * they hold nothing of this cluster and stop applying when its bridge goes.
 */
export async function deleteKindCluster(
  kind: string,
  name: string,
  credentials: CredentialStore,
): Promise<void> {
  const containers = await containersWithLabel(KIND_CLUSTER_LABEL, name);
  const volumes = await volumesOf(containers);
  // a throwaway kubeconfig path keeps kind away from the user's ~/.kube/config
  try {
    await withTempDir('cks-lab-kind-', (dir) => kindDeleteCluster(kind, name, join(dir, 'kubeconfig')));
  } catch (error) {
    // a node with frozen tasks cannot be killed: thaw them, and removing the containers below finishes the job
    if ((await thawNodes(containers)) === 0) throw error;
  }
  await removeContainers(await containersWithLabel(KIND_CLUSTER_LABEL, name));
  const left = await containersWithLabel(KIND_CLUSTER_LABEL, name);
  if (left.length)
    throw new Error(
      `cluster ${name}: Docker could not remove ${left.join(', ')}; see \`docker ps -a\` and the Docker daemon's ` +
        `log, then run \`cks-lab cluster delete ${name}\` again`,
    );
  // with the nodes gone the certificate opens nothing, but a later cluster of the same name must not inherit it
  await credentials.remove(name);
  const stuck = await removeVolumes(volumes);
  if (stuck.length)
    throw new Error(`cluster ${name} deleted, but some of its volumes remain: ${stuck.join('; ')}`);
  const network = networkName(name);
  if ((await networkLabel(network, CKS_LAB_CLUSTER_LABEL)) === name) await removeNetwork(network);
}

/** Thaws frozen cgroups inside the node containers (see thawFrozenCgroups); returns how many. */
async function thawNodes(containers: readonly string[]): Promise<number> {
  const ids = await containerIds(containers);
  return thawFrozenCgroups(ids.flatMap((id) => freezerRoots(id)));
}
