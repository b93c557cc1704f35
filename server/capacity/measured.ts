const MIB = 1024 ** 2;

/** What one lab costs, summed over its node containers. */
export interface LabCost {
  /** CPU in use, in cores, from the node cgroups' cpuacct.usage over a window. */
  cpus: number;
  /** Memory in use as `docker stats` reports it (usage without inactive page cache). */
  memoryBytes: number;
  /** Tasks (processes and threads: what pids.max counts). */
  tasks: number;
}

/**
 * Measured on real clusters, not guessed (2026-11-30; 2 cores, 23.5 GiB, cgroup v1, Docker 20.10, node image
 * v1.32.6 offline, nodes under the default limits; other clusters were running on the host at the time):
 *
 * - idle: a fresh lab 2 minutes after create; CPU from cpuacct.usage over 60 s, memory and tasks from 10 samples
 *   of `docker stats --no-stream`. 1 node: 0.090 cores, 452 MiB, 199 tasks. 2 nodes: control-plane 0.092 cores,
 *   442 MiB, 197 tasks + worker 0.012 cores, 102 MiB, 69 tasks.
 * - busy: trivy-critical set up (`cks-lab scenario setup`), then from the node's shell 60 s of back-to-back trivy
 *   scans of the scenario's four images (304 scans on 1 node) plus `kubectl get pods -A`, a 10-replica busybox
 *   Deployment, and a Check (`cks-lab scenario grade`) every 10 s. 1 node: 0.49 cores averaged over a 96 s window
 *   (~0.75 while scanning, 1.08 at the highest sample), at most 675 MiB (1.25 GiB with page cache), 513 tasks.
 *   2 nodes (77 s window): control-plane 0.72 cores, 528 MiB, 207 tasks + worker 0.06 cores, 213 MiB, 370 tasks
 *   (the Deployment's pods run there).
 *
 * So a busy lab stays far below 2 GiB and 4096 tasks per node, and an idle one costs about a tenth of a core.
 */
export const MEASURED_LAB_COST: Readonly<Record<'idle' | 'busy', Record<1 | 2, LabCost>>> = {
  idle: {
    1: { cpus: 0.09, memoryBytes: 452 * MIB, tasks: 199 },
    2: { cpus: 0.104, memoryBytes: 544 * MIB, tasks: 266 },
  },
  busy: {
    1: { cpus: 0.75, memoryBytes: 675 * MIB, tasks: 513 },
    2: { cpus: 0.78, memoryBytes: 741 * MIB, tasks: 577 },
  },
};
