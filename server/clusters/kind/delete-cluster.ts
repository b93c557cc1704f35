import { join } from 'node:path';
import {
  CKS_LAB_CLUSTER_LABEL,
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
 * Removes a cluster and everything it owns: node containers, their anonymous /var volumes, and its Docker network
 * (only when cks-lab created it). Absent pieces are fine, so this also cleans up after a half-finished create.
 */
export async function deleteKindCluster(kind: string, name: string): Promise<void> {
  const containers = await containersWithLabel(KIND_CLUSTER_LABEL, name);
  const volumes = await volumesOf(containers);
  // a throwaway kubeconfig path keeps kind away from the user's ~/.kube/config
  await withTempDir('cks-lab-kind-', (dir) => kindDeleteCluster(kind, name, join(dir, 'kubeconfig')));
  await removeContainers(await containersWithLabel(KIND_CLUSTER_LABEL, name));
  const stuck = await removeVolumes(volumes);
  if (stuck.length)
    throw new Error(`cluster ${name} deleted, but some of its volumes remain: ${stuck.join('; ')}`);
  const network = networkName(name);
  if ((await networkLabel(network, CKS_LAB_CLUSTER_LABEL)) === name) await removeNetwork(network);
}
