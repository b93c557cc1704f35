import type { NodeRole } from '../clusters/types.js';

/** Caps on one node container; null means no cap of that kind. */
export interface NodeLimits {
  memoryBytes: number | null;
  cpus: number | null;
  pids: number | null;
}

export type NodeLimitsByRole = Record<NodeRole, NodeLimits>;

/** What the machine that runs the labs has. */
export interface HostResources {
  memoryBytes: number;
  cores: number;
}
