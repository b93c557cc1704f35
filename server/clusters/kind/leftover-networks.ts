import { run } from '../../exec/run.js';
import type { LeftoverNetwork } from '../types.js';
import { CKS_LAB_CLUSTER_LABEL } from './docker.js';
import { outputLines } from './docker-output.js';
import { networkName } from './names.js';

const QUICK = 30_000;

interface InspectedNetwork {
  Name?: string;
  Created?: string;
  Labels?: Record<string, string> | null;
}

/**
 * The networks among `docker network inspect` JSON that cks-lab made for a cluster: labelled with the cluster's
 * name AND named after it (kind-<cluster>), so a network someone else labelled is never taken for one of ours.
 */
export function parseClusterNetworks(inspectJson: string): LeftoverNetwork[] {
  const networks = JSON.parse(inspectJson) as InspectedNetwork[] | null;
  return (networks ?? []).flatMap((network) => {
    const cluster = network.Labels?.[CKS_LAB_CLUSTER_LABEL];
    const createdAt = Date.parse(network.Created ?? '');
    if (!cluster || network.Name !== networkName(cluster) || Number.isNaN(createdAt)) return [];
    return [{ cluster, network: network.Name, createdAt: new Date(createdAt) }];
  });
}

/** Containers attached to a network, stopped ones included (network inspect lists only running ones). */
async function containersOn(network: string): Promise<string[]> {
  const result = await run(
    ['docker', 'ps', '--all', '--filter', `network=${network}`, '--format', '{{.Names}}'],
    { timeoutMs: QUICK },
  );
  return outputLines(result.stdout);
}

/**
 * Networks cks-lab made for a cluster that no container uses any more: what a delete cut short (a crash between
 * removing the nodes and removing the network) leaves behind. Each holds an address range until removed.
 */
export async function leftoverClusterNetworks(): Promise<LeftoverNetwork[]> {
  const listed = await run(
    ['docker', 'network', 'ls', '--filter', `label=${CKS_LAB_CLUSTER_LABEL}`, '--format', '{{.Name}}'],
    { timeoutMs: QUICK },
  );
  const names = outputLines(listed.stdout);
  if (!names.length) return [];
  // one that vanished since the listing makes inspect exit non-zero; the others are still printed
  const inspected = await run(['docker', 'network', 'inspect', '--', ...names], {
    timeoutMs: QUICK,
    allowFailure: true,
  });
  const networks = inspected.stdout.trim() ? parseClusterNetworks(inspected.stdout) : [];
  const unused: LeftoverNetwork[] = [];
  for (const network of networks) {
    if ((await containersOn(network.network)).length === 0) unused.push(network);
  }
  return unused;
}
