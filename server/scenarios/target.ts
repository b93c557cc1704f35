import type { ClusterProvider } from '../clusters/types.js';
import type { Logger } from '../log.js';
import { connect, type KubeAccess } from '../kube/index.js';

export type NodeMap = { 'control-plane': string; worker?: string };

/** A live cluster that scenario steps and checks run against. */
export interface ScenarioTarget {
  provider: ClusterProvider;
  cluster: string;
  /** API clients built from the credentials captured at creation, never from a file in the node. */
  kube: KubeAccess;
  /** Node name for each role. */
  nodes: NodeMap;
  logger: Logger;
}

/** Looks up the cluster's nodes and captured credentials; throws when the cluster does not exist or has none. */
export async function connectToCluster(
  provider: ClusterProvider,
  cluster: string,
  logger: Logger,
): Promise<ScenarioTarget> {
  const [nodes, credentials] = await Promise.all([provider.nodes(cluster), provider.credentials(cluster)]);
  const controlPlane = nodes.find((node) => node.role === 'control-plane');
  if (!controlPlane) throw new Error(`cluster "${cluster}" has no control-plane node`);
  const worker = nodes.find((node) => node.role === 'worker');
  return {
    provider,
    cluster,
    kube: await connect(credentials),
    nodes: { 'control-plane': controlPlane.name, ...(worker ? { worker: worker.name } : {}) },
    logger: logger.child({ cluster }),
  };
}
