import { InvalidSettingError } from '../capacity/errors.js';
import { localHost } from '../capacity/host.js';
import { DEFAULT_LAB_NODES, describeCapacity, labCapacity } from '../capacity/lab-capacity.js';
import { readNodeLimits } from '../capacity/limits.js';
import type { HostResources, NodeLimitsByRole } from '../capacity/types.js';
import type { CheckResult } from './types.js';

const NAME = 'capacity';

/**
 * How many labs this host runs at once with the node limits in force: the default of CKS_LAB_MAX_LABS (or what
 * that variable overrides), and the figure for 2-node labs.
 */
export function checkCapacity(env: NodeJS.ProcessEnv, host: HostResources = localHost()): CheckResult {
  let limits: NodeLimitsByRole;
  try {
    limits = readNodeLimits(env, host);
  } catch (error) {
    if (!(error instanceof InvalidSettingError)) throw error;
    return { name: NAME, ok: false, detail: error.message, fix: `correct or unset ${error.variable}` };
  }
  const capacity = labCapacity(host, limits, DEFAULT_LAB_NODES);
  const twoNodes = labCapacity(host, limits, 2);
  const override = env.CKS_LAB_MAX_LABS?.trim()
    ? `; CKS_LAB_MAX_LABS=${env.CKS_LAB_MAX_LABS.trim()} is in force`
    : '';
  const detail = `${describeCapacity(capacity)}; 2-node labs: up to ${twoNodes.maxLabs}${override}`;
  if (capacity.byMemory >= 1) return { name: NAME, ok: true, detail };
  return {
    name: NAME,
    ok: false,
    advisory: true,
    detail: `${detail}; even one lab at its memory limit would not fit beside the reserve`,
    fix: 'add memory, or lower CKS_LAB_NODE_MEMORY (e.g. 1g) for smaller labs',
  };
}
