import { localHost } from '../../capacity/host.js';
import { describeNodeLimits, readNodeLimits } from '../../capacity/limits.js';
import type { NodeLimits, NodeLimitsByRole } from '../../capacity/types.js';
import { run } from '../../exec/run.js';
import type { ClusterNode } from '../types.js';

/**
 * `docker update` flags for one node's limits. --memory-swap equals --memory so no swap is allowed past the limit
 * (cgroup v1 also refuses a --memory above an older --memory-swap without it).
 */
export function dockerUpdateFlags(limits: NodeLimits): string[] {
  return [
    ...(limits.memoryBytes === null
      ? []
      : ['--memory', `${limits.memoryBytes}`, '--memory-swap', `${limits.memoryBytes}`]),
    ...(limits.cpus === null ? [] : ['--cpus', `${limits.cpus}`]),
    ...(limits.pids === null ? [] : ['--pids-limit', `${limits.pids}`]),
  ];
}

/**
 * Caps each node container's memory, CPU and task count, so a learner's fork bomb or memory hog stays inside the
 * lab. Kubernetes' pods live in cgroups below the node container's, so the node's limits bound everything in
 * it. Done after kind created the nodes because kind has no per-node resource settings. Returns what was set.
 *
 * Kubelet is left as it is: it still sees the host's memory as the node's capacity, so memory-pressure eviction
 * never fires, and at the limit the kernel's OOM killer picks inside the node by oom_score_adj instead. kubelet
 * sets that so a pod without memory requests goes first (BestEffort 1000, Burstable up to 999), before the
 * control plane, kubelet, containerd and the learner's shell (at most 0: seen on a node of this host, where
 * containerd clamps the control plane's -997 to its own 0). test/cluster/node-limits.test.ts shows a memory hog
 * pod killed while the API server stays up.
 *
 * These limits stop accidents, not an attacker: a privileged node's root can rewrite its own cgroup.
 */
export async function limitNodeResources(
  nodes: readonly ClusterNode[],
  limits: NodeLimitsByRole,
): Promise<string> {
  const applied: string[] = [];
  for (const node of nodes) {
    const flags = dockerUpdateFlags(limits[node.role]);
    if (!flags.length) {
      applied.push(`${node.name}: no limits`);
      continue;
    }
    await run(['docker', 'update', ...flags, '--', node.name], { timeoutMs: 30_000 });
    applied.push(`${node.name}: ${describeNodeLimits(limits[node.role])}`);
  }
  return applied.join('; ');
}

/** limitNodeResources with the limits CKS_LAB_NODE_MEMORY / _CPUS / _PIDS (or the defaults) give on this host. */
export async function applyNodeLimits(
  nodes: readonly ClusterNode[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  return await limitNodeResources(nodes, readNodeLimits(env, localHost()));
}
