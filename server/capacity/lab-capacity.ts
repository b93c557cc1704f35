import { localHost } from './host.js';
import { describeNodeLimits, formatBytes, readNodeLimits } from './limits.js';
import { MEASURED_LAB_COST } from './measured.js';
import type { HostResources, NodeLimits, NodeLimitsByRole } from './types.js';

const GIB = 1024 ** 3;

/**
 * The lab shape the default cap is computed for. Every scenario in the catalog runs on 1 node today; a workshop of
 * 2-node scenarios should set CKS_LAB_MAX_LABS to the 2-node figure `doctor` prints.
 */
export const DEFAULT_LAB_NODES = 1;

/**
 * Kept for the server, the Docker engine, the OS and the page cache of images: at least 2 GiB, or a tenth of a
 * big host.
 */
export function memoryReserve(host: HostResources): number {
  return Math.max(2 * GIB, Math.round(host.memoryBytes * 0.1));
}

/**
 * Idle labs together may use a quarter of the cores; the other three quarters are for what learners actually do
 * (a busy lab uses 0.5–1 core, a lab being created a whole core for a minute) and for the server and engine.
 */
const IDLE_CPU_SHARE = 0.25;

export interface LabCapacity {
  host: HostResources;
  nodes: 1 | 2;
  /** Limits of the lab's nodes, control-plane first. */
  nodeLimits: NodeLimits[];
  /** Memory one lab may take: the sum of its nodes' limits, or the measured busy cost when memory is not limited. */
  labMemoryBytes: number;
  memoryLimited: boolean;
  reserveBytes: number;
  /** Labs that fit when every one of them uses its whole memory limit. */
  byMemory: number;
  /** Idle labs the cores carry (their measured idle CPU against IDLE_CPU_SHARE of the cores). */
  byCpu: number;
  /** min(byMemory, byCpu), at least 1. */
  maxLabs: number;
}

/** How many labs of `nodes` nodes this host runs at once without one lab's worst case starving the others. */
export function labCapacity(host: HostResources, limits: NodeLimitsByRole, nodes: 1 | 2): LabCapacity {
  const nodeLimits = nodes === 2 ? [limits['control-plane'], limits.worker] : [limits['control-plane']];
  const memoryLimited = nodeLimits.every((node) => node.memoryBytes !== null);
  const labMemoryBytes = memoryLimited
    ? nodeLimits.reduce((sum, node) => sum + (node.memoryBytes ?? 0), 0)
    : MEASURED_LAB_COST.busy[nodes].memoryBytes;
  const reserveBytes = memoryReserve(host);
  const byMemory = Math.floor(Math.max(0, host.memoryBytes - reserveBytes) / labMemoryBytes);
  const byCpu = Math.floor((host.cores * IDLE_CPU_SHARE) / MEASURED_LAB_COST.idle[nodes].cpus);
  return {
    host,
    nodes,
    nodeLimits,
    labMemoryBytes,
    memoryLimited,
    reserveBytes,
    byMemory,
    byCpu,
    maxLabs: Math.max(1, Math.min(byMemory, byCpu)),
  };
}

/** The default for CKS_LAB_MAX_LABS: what this host carries, with the node limits the environment sets. */
export function defaultMaxLabs(env: NodeJS.ProcessEnv, host: HostResources = localHost()): number {
  return labCapacity(host, readNodeLimits(env, host), DEFAULT_LAB_NODES).maxLabs;
}

/**
 * "24 GiB, 2 cores → up to 6 labs of 1 node (each limited to 2 GiB, 1.5 CPUs, 4096 pids; memory allows 10, CPU 6)"
 */
export function describeCapacity(capacity: LabCapacity): string {
  const { host, nodes, maxLabs } = capacity;
  const shape = `${maxLabs} lab${maxLabs === 1 ? '' : 's'} of ${nodes} node${nodes === 1 ? '' : 's'}`;
  const each =
    nodes === 1
      ? describeNodeLimits(capacity.nodeLimits[0]!)
      : capacity.nodeLimits.map(describeNodeLimits).join(' + ');
  const memory = capacity.memoryLimited
    ? `memory allows ${capacity.byMemory}`
    : `memory allows ${capacity.byMemory} at ${formatBytes(capacity.labMemoryBytes)} each (measured busy lab)`;
  const unlimited = capacity.nodeLimits.every((node) => Object.values(node).every((limit) => limit === null));
  return (
    `${formatBytes(host.memoryBytes)}, ${host.cores} core${host.cores === 1 ? '' : 's'} → up to ${shape} ` +
    `(${unlimited ? 'no node limits' : `each limited to ${each}`}; ${memory}, CPU ${capacity.byCpu})`
  );
}
