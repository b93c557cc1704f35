import { idSchema } from '../../grader/index.js';
import type { PoolEntry } from '../store/index.js';

/** One thing the warm pool keeps ready: plain clusters of a node count, or clusters pre-staged for a scenario. */
export type PoolTarget =
  { kind: 'shape'; nodes: 1 | 2; count: number } | { kind: 'staged'; scenarioId: string; count: number };

/** What the pool keeps, in the order it fills (round by round, so every target gets its first cluster early). */
export interface PoolSpec {
  targets: PoolTarget[];
}

export const POOL_OFF: PoolSpec = { targets: [] };

export const POOL_SPEC_EXAMPLE = '1:2,2:1,kubesec-fix:1';

/** Most clusters one target may ask for; a typo like 1:100 should not try to start a hundred clusters. */
const MAX_COUNT = 50;

/**
 * The pool when neither --pool nor CKS_LAB_POOL says otherwise: one warm 1-node cluster. The pool only fills lab
 * slots no lab uses (see ClusterPool), so this is "on when the host has room". A host-capacity estimate can replace
 * this one function.
 */
export function defaultPoolSpec(): PoolSpec {
  return { targets: [{ kind: 'shape', nodes: 1, count: 1 }] };
}

/** A bad --pool or CKS_LAB_POOL value; the CLI shows the message (it names the source and gives an example). */
export class PoolSpecError extends Error {
  constructor(source: string, raw: string, problem: string) {
    super(
      `invalid ${source}="${raw}": ${problem}; use <nodes>:<count> or <scenario-id>:<count> pairs, e.g. ${POOL_SPEC_EXAMPLE} (0 or off turns the pool off)`,
    );
    this.name = 'PoolSpecError';
  }
}

/**
 * Parses "1:2,2:1,kubesec-fix:1": 1-node ×2, 2-node ×1, and one cluster pre-staged for kubesec-fix (its node
 * count comes from the scenario). "0" or "off" turns the pool off. `source` names the flag or variable.
 */
export function parsePoolSpec(raw: string, source: string): PoolSpec {
  const text = raw.trim().toLowerCase();
  if (text === '0' || text === 'off') return POOL_OFF;
  const targets: PoolTarget[] = [];
  const seen = new Set<string>();
  for (const [index, part] of text.split(',').entries()) {
    const item = part.trim();
    const match = /^([^:\s]+):(\d+)$/.exec(item);
    if (!match?.[1] || match[2] === undefined) {
      throw new PoolSpecError(source, raw, `entry ${index + 1} "${item}" is not <what>:<count>`);
    }
    const [, what, countText] = match;
    const count = Number(countText);
    if (count > MAX_COUNT) {
      throw new PoolSpecError(source, raw, `entry ${index + 1} "${item}" asks for more than ${MAX_COUNT}`);
    }
    if (seen.has(what)) throw new PoolSpecError(source, raw, `"${what}" is listed twice`);
    seen.add(what);
    if (/^\d+$/.test(what)) {
      if (what !== '1' && what !== '2') {
        throw new PoolSpecError(source, raw, `entry ${index + 1} "${item}": a lab has 1 or 2 nodes`);
      }
      if (count > 0) targets.push({ kind: 'shape', nodes: what === '1' ? 1 : 2, count });
    } else {
      if (!idSchema.safeParse(what).success) {
        throw new PoolSpecError(source, raw, `entry ${index + 1} "${item}": "${what}" is not a scenario id`);
      }
      if (count > 0) targets.push({ kind: 'staged', scenarioId: what, count });
    }
  }
  return { targets };
}

/** "1-node ×2, 2-node ×1, kubesec-fix ×1", or "off". */
export function describePoolSpec(spec: PoolSpec): string {
  if (!spec.targets.length) return 'off';
  return spec.targets
    .map((t) => `${t.kind === 'shape' ? `${t.nodes}-node` : t.scenarioId} ×${t.count}`)
    .join(', ');
}

export function poolSize(spec: PoolSpec): number {
  return spec.targets.reduce((sum, t) => sum + t.count, 0);
}

/** The target an entry serves: a staged entry its scenario's, a plain one its node count's. */
export function targetOf(
  spec: PoolSpec,
  entry: Pick<PoolEntry, 'nodes' | 'scenarioId'>,
): PoolTarget | undefined {
  return spec.targets.find((t) =>
    t.kind === 'staged'
      ? t.scenarioId === entry.scenarioId
      : entry.scenarioId === undefined && t.nodes === entry.nodes,
  );
}
