import type { NodeRole } from '../clusters/types.js';
import { InvalidSettingError } from './errors.js';
import type { HostResources, NodeLimits, NodeLimitsByRole } from './types.js';

const MIB = 1024 ** 2;
const GIB = 1024 ** 3;

export const MEMORY_VARIABLE = 'CKS_LAB_NODE_MEMORY';
export const CPUS_VARIABLE = 'CKS_LAB_NODE_CPUS';
export const PIDS_VARIABLE = 'CKS_LAB_NODE_PIDS';

/**
 * What each node of a lab may use (figures in measured.ts). Memory: a busy 1-node lab (nonstop trivy scans, ten
 * pods, a Check every 10 s) peaked at 675 MiB, 1.25 GiB with page cache, so 2 GiB leaves room for heavier work
 * and still stops a memory hog long before it reaches other labs; a worker peaked at 213 MiB running ten pods.
 * pids: a busy node ran at most 513 tasks (threads count), so 4096 never bites real work but ends a fork bomb
 * within seconds. CPUs: see defaultCpus.
 */
export const DEFAULT_NODE_LIMITS: Readonly<Record<NodeRole, { memoryBytes: number; pids: number }>> = {
  'control-plane': { memoryBytes: 2 * GIB, pids: 4096 },
  worker: { memoryBytes: 1 * GIB, pids: 4096 },
};

/** Per node: 1.5 CPUs, but never more than three quarters of the host, so the server and other labs keep a share. */
const DEFAULT_CPUS = 1.5;
export function defaultCpus(host: HostResources): number {
  return Math.min(DEFAULT_CPUS, Math.floor(host.cores * 0.75 * 100) / 100);
}

// Below these a node cannot run its own control plane, so a smaller value is a mistake, not a choice.
const MIN_MEMORY_BYTES = 512 * MIB;
const MIN_PIDS = 256;
const MIN_CPUS = 0.1;

/**
 * The limits for each node role: the defaults above, or CKS_LAB_NODE_MEMORY / _CPUS / _PIDS for every node ("0"
 * turns that limit off). CPUs are capped at the host's cores, the most Docker accepts.
 */
export function readNodeLimits(env: NodeJS.ProcessEnv, host: HostResources): NodeLimitsByRole {
  const memory = parseMemory(env[MEMORY_VARIABLE]);
  const cpus = parseCpus(env[CPUS_VARIABLE]);
  const pids = parsePids(env[PIDS_VARIABLE]);
  const forRole = (role: NodeRole): NodeLimits => ({
    memoryBytes: memory === undefined ? DEFAULT_NODE_LIMITS[role].memoryBytes : memory,
    cpus: cpus === undefined ? defaultCpus(host) : cpus === null ? null : Math.min(cpus, host.cores),
    pids: pids === undefined ? DEFAULT_NODE_LIMITS[role].pids : pids,
  });
  return { 'control-plane': forRole('control-plane'), worker: forRole('worker') };
}

function unset(raw: string | undefined): raw is undefined {
  return raw === undefined || raw.trim() === '';
}

/** "2g", "1.5GiB", "1536m" (binary units, as docker --memory) → bytes; "0" → null (no limit). */
function parseMemory(raw: string | undefined): number | null | undefined {
  if (unset(raw)) return undefined;
  if (raw.trim() === '0') return null;
  const match = /^(\d+(?:\.\d+)?)\s*([mg])(?:i?b)?$/i.exec(raw.trim());
  const bytes = match ? Math.round(Number(match[1]) * (match[2]!.toLowerCase() === 'g' ? GIB : MIB)) : NaN;
  if (!(bytes >= MIN_MEMORY_BYTES)) {
    throw new InvalidSettingError(
      MEMORY_VARIABLE,
      `invalid ${MEMORY_VARIABLE}="${raw}": use a size of at least 512m, e.g. 2g or 1536m, or 0 for no limit`,
    );
  }
  return bytes;
}

/** "1.5" → 1.5 CPUs; "0" → null. */
function parseCpus(raw: string | undefined): number | null | undefined {
  if (unset(raw)) return undefined;
  const value = /^\d+(?:\.\d+)?$/.test(raw.trim()) ? Number(raw) : NaN;
  if (value === 0) return null;
  if (!(value >= MIN_CPUS)) {
    throw new InvalidSettingError(
      CPUS_VARIABLE,
      `invalid ${CPUS_VARIABLE}="${raw}": use a number of CPUs of at least ${MIN_CPUS}, e.g. 1.5, or 0 for no limit`,
    );
  }
  return value;
}

/** "4096" → 4096 tasks; "0" → null. */
function parsePids(raw: string | undefined): number | null | undefined {
  if (unset(raw)) return undefined;
  const value = /^\d+$/.test(raw.trim()) ? Number(raw) : NaN;
  if (value === 0) return null;
  if (!(value >= MIN_PIDS)) {
    throw new InvalidSettingError(
      PIDS_VARIABLE,
      `invalid ${PIDS_VARIABLE}="${raw}": use a whole number of at least ${MIN_PIDS}, e.g. 4096, or 0 for no limit`,
    );
  }
  return value;
}

/** 2147483648 → "2 GiB", 805306368 → "768 MiB". */
export function formatBytes(bytes: number): string {
  if (bytes >= GIB) return `${Number((bytes / GIB).toFixed(1))} GiB`;
  return `${Math.round(bytes / MIB)} MiB`;
}

/** "2 GiB, 1.5 CPUs, 4096 pids"; limits that are off come last ("1.5 CPUs, no memory or pids limit"). */
export function describeNodeLimits(limits: NodeLimits): string {
  const set = [
    ...(limits.memoryBytes === null ? [] : [formatBytes(limits.memoryBytes)]),
    ...(limits.cpus === null ? [] : [`${limits.cpus} CPU${limits.cpus === 1 ? '' : 's'}`]),
    ...(limits.pids === null ? [] : [`${limits.pids} pids`]),
  ];
  const off = [
    ...(limits.memoryBytes === null ? ['memory'] : []),
    ...(limits.cpus === null ? ['CPU'] : []),
    ...(limits.pids === null ? ['pids'] : []),
  ];
  const none = off.length
    ? [`no ${off.slice(0, -1).join(', ')}${off.length > 1 ? ' or ' : ''}${off.at(-1)} limit`]
    : [];
  return [...set, ...none].join(', ');
}
