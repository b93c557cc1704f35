import { KubeConfig } from '@kubernetes/client-node';
import type { ClusterProvider } from '../clusters/types.js';
import type { Logger } from '../log.js';

export type NodeMap = { 'control-plane': string; worker?: string };

/** A live cluster that scenario steps and checks run against. */
export interface ScenarioTarget {
  provider: ClusterProvider;
  cluster: string;
  kubeConfig: KubeConfig;
  /** Node name for each role. */
  nodes: NodeMap;
  logger: Logger;
}

/** Looks up the cluster's nodes and kubeconfig; throws when the cluster does not exist. */
export async function connectToCluster(
  provider: ClusterProvider,
  cluster: string,
  logger: Logger,
): Promise<ScenarioTarget> {
  const [nodes, kubeconfig] = await Promise.all([provider.nodes(cluster), provider.kubeconfig(cluster)]);
  const controlPlane = nodes.find((node) => node.role === 'control-plane');
  if (!controlPlane) throw new Error(`cluster "${cluster}" has no control-plane node`);
  const worker = nodes.find((node) => node.role === 'worker');
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromString(kubeconfig);
  return {
    provider,
    cluster,
    kubeConfig,
    nodes: { 'control-plane': controlPlane.name, ...(worker ? { worker: worker.name } : {}) },
    logger: logger.child({ cluster }),
  };
}
