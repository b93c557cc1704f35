import { readFile } from 'node:fs/promises';
import type { CheckResult } from './types.js';

const NAME = 'memory';
const RECOMMENDED_AVAILABLE_GIB = 4;

/** kB values of /proc/meminfo by field name. */
export function parseMeminfo(text: string): Record<string, number> {
  const fields: Record<string, number> = {};
  for (const match of text.matchAll(/^(\w+):\s+(\d+) kB$/gm)) {
    if (match[1] && match[2]) fields[match[1]] = Number(match[2]);
  }
  return fields;
}

/** A two-node lab cluster uses about 1.5–2 GiB; several learners need more. */
export async function checkMemory(): Promise<CheckResult> {
  const info = parseMeminfo(await readFile('/proc/meminfo', 'utf8'));
  const gib = (kb: number | undefined) => (kb ?? 0) / 1024 ** 2;
  const available = gib(info.MemAvailable);
  const detail = `${available.toFixed(1)} GiB available of ${gib(info.MemTotal).toFixed(1)} GiB`;
  if (available >= RECOMMENDED_AVAILABLE_GIB) return { name: NAME, ok: true, detail };
  return {
    name: NAME,
    ok: false,
    advisory: true,
    detail: `${detail} (${RECOMMENDED_AVAILABLE_GIB} GiB available recommended)`,
    fix: 'stop other workloads or delete idle lab clusters (npx cks-lab cluster list / delete)',
  };
}
