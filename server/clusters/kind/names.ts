import type { ClusterNode, NodeRole } from '../types.js';
import { InvalidArgumentError } from '../errors.js';

const CLUSTER_NAME = /^[a-z0-9][a-z0-9-]{0,31}$/;

/**
 * Cluster names become Docker container, network and Kubernetes node names, so they must start with a letter or
 * digit (Docker and DNS-1123 both refuse a leading hyphen) and stay short enough for "-control-plane".
 */
export function validateClusterName(name: string, argument = 'cluster name'): string {
  if (!CLUSTER_NAME.test(name)) {
    throw new InvalidArgumentError(
      `invalid ${argument} "${name}": use 1-32 characters from a-z, 0-9 and "-", starting with a letter or digit`,
    );
  }
  return name;
}

/** Each cluster gets its own Docker network, named after it so leftovers are easy to spot. */
export function networkName(cluster: string): string {
  return `kind-${cluster}`;
}

export function controlPlaneNodeName(cluster: string): string {
  return `${cluster}-control-plane`;
}

/** kind names nodes <cluster>-control-plane, <cluster>-worker, <cluster>-worker2 … */
export function nodeRole(cluster: string, nodeName: string): NodeRole | null {
  if (!nodeName.startsWith(`${cluster}-`)) return null;
  const suffix = nodeName.slice(cluster.length + 1);
  if (suffix === 'control-plane') return 'control-plane';
  return /^worker\d*$/.test(suffix) ? 'worker' : null;
}

/** This cluster's nodes among kind's node names, control-plane first. */
export function clusterNodes(cluster: string, names: readonly string[]): ClusterNode[] {
  return names
    .flatMap((name) => {
      const role = nodeRole(cluster, name);
      return role ? [{ name, role }] : [];
    })
    .sort((a, b) => (a.role === b.role ? a.name.localeCompare(b.name) : a.role === 'control-plane' ? -1 : 1));
}

/** Exam-style aliases: the learner types `ssh node01`, scripts say `controlplane`. */
export const CONTROL_PLANE_ALIAS = 'controlplane';
export const WORKER_ALIAS = 'node01';

/**
 * Finds the node a caller means: its full name, an exam alias, or a role. Defaults to the control-plane,
 * where the learner's shell lives.
 */
export function resolveNode(nodes: readonly ClusterNode[], requested: string | undefined): ClusterNode {
  const controlPlane = nodes.find((n) => n.role === 'control-plane');
  const worker = nodes.find((n) => n.role === 'worker');
  const wanted =
    requested === undefined || requested === CONTROL_PLANE_ALIAS || requested === 'control-plane'
      ? controlPlane
      : requested === WORKER_ALIAS || requested === 'worker'
        ? worker
        : nodes.find((n) => n.name === requested);
  if (!wanted) {
    const choices = [...nodes.map((n) => n.name), CONTROL_PLANE_ALIAS, ...(worker ? [WORKER_ALIAS] : [])];
    throw new InvalidArgumentError(
      `unknown node "${requested ?? 'control-plane'}": use one of ${choices.join(', ')}`,
    );
  }
  return wanted;
}
