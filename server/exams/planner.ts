import { conflictReasons } from './conflicts.js';
import type { ExamPlan, ExamScenario, ExamSet, PlannedCluster } from './types.js';

export interface PlanOptions {
  /** An exam uses at least this many clusters (the real exam switches between several). */
  minClusters?: number;
  maxClusters?: number;
}

export const DEFAULT_MIN_CLUSTERS = 2;
export const DEFAULT_MAX_CLUSTERS = 3;

/** A set that cannot be placed; the message names the scenarios and what they share. */
export class ExamPlanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExamPlanError';
  }
}

/**
 * Places an exam's scenarios on clusters so that no two that change the same global state, use the same
 * namespace or ask for the same Service IP share one. Tries the fewest clusters first (at least minClusters);
 * within that, fills the cluster with the fewest minutes first, so the work is spread. Deterministic: the same
 * set always gives the same plan.
 */
export function planExam(set: ExamSet, options: PlanOptions = {}): ExamPlan {
  const min = options.minClusters ?? DEFAULT_MIN_CLUSTERS;
  const max = options.maxClusters ?? DEFAULT_MAX_CLUSTERS;
  if (min < 1 || max < min) throw new ExamPlanError(`invalid cluster range ${min}..${max}`);
  const scenarios = set.scenarios;
  if (scenarios.length === 0) throw new ExamPlanError(`exam ${set.id} has no scenarios`);
  const duplicate = scenarios.find((s, i) => scenarios.findIndex((t) => t.id === s.id) !== i);
  if (duplicate) throw new ExamPlanError(`exam ${set.id} lists scenario ${duplicate.id} twice`);

  const conflicts = scenarios.map((a) => scenarios.map((b) => (a === b ? [] : conflictReasons(a, b))));
  const order = placementOrder(scenarios, conflicts);
  for (let count = Math.min(min, scenarios.length); count <= max; count += 1) {
    const assignment = assign(scenarios, conflicts, order, count);
    if (assignment) return { examId: set.id, clusters: describeClusters(scenarios, assignment, count) };
  }
  throw new ExamPlanError(whyImpossible(set, conflicts, max));
}

/** Most-constrained first (most conflicts, then most minutes), ties by id: backtracking stays short and stable. */
function placementOrder(scenarios: readonly ExamScenario[], conflicts: string[][][]): number[] {
  const degree = (i: number) => conflicts[i]?.filter((reasons) => reasons.length > 0).length ?? 0;
  return scenarios
    .map((_, i) => i)
    .sort(
      (a, b) =>
        degree(b) - degree(a) ||
        (scenarios[b]?.minutes ?? 0) - (scenarios[a]?.minutes ?? 0) ||
        (scenarios[a]?.id ?? '').localeCompare(scenarios[b]?.id ?? ''),
    );
}

/** Cluster index per scenario, or undefined when `count` clusters cannot keep every conflict apart. */
function assign(
  scenarios: readonly ExamScenario[],
  conflicts: string[][][],
  order: readonly number[],
  count: number,
): number[] | undefined {
  const cluster = new Array<number>(scenarios.length).fill(-1);
  const minutes = new Array<number>(count).fill(0);
  const place = (position: number): boolean => {
    const next = order[position];
    if (next === undefined) return true;
    const candidates = [...minutes.keys()].sort((a, b) => (minutes[a] ?? 0) - (minutes[b] ?? 0) || a - b);
    for (const target of candidates) {
      const clash = cluster.some((c, other) => c === target && (conflicts[next]?.[other]?.length ?? 0) > 0);
      if (clash) continue;
      cluster[next] = target;
      minutes[target] = (minutes[target] ?? 0) + (scenarios[next]?.minutes ?? 0);
      if (place(position + 1)) return true;
      minutes[target] = (minutes[target] ?? 0) - (scenarios[next]?.minutes ?? 0);
      cluster[next] = -1;
    }
    return false;
  };
  return place(0) ? cluster : undefined;
}

function describeClusters(
  scenarios: readonly ExamScenario[],
  assignment: readonly number[],
  count: number,
): PlannedCluster[] {
  return Array.from({ length: count }, (_, c) => {
    const members = scenarios.filter((_, i) => assignment[i] === c);
    return {
      index: c + 1,
      nodes: members.some((s) => s.nodes === 2) ? 2 : 1,
      features: sortedUnion(members.map((s) => s.features)),
      scenarios: members.map((s) => s.id),
      globalState: sortedUnion(members.map((s) => s.globalState)),
      minutes: members.reduce((sum, s) => sum + s.minutes, 0),
    };
  });
}

function sortedUnion(lists: readonly (readonly string[])[]): string[] {
  return [...new Set(lists.flat())].sort();
}

/** The clearest reason: a group of scenarios that all conflict pairwise and outnumber the clusters. */
function whyImpossible(set: ExamSet, conflicts: string[][][], max: number): string {
  const ids = set.scenarios.map((s) => s.id);
  const conflictingPairs = (members: readonly number[]) =>
    members.flatMap((a, i) =>
      members.slice(i + 1).flatMap((b) => {
        const reasons = conflicts[a]?.[b] ?? [];
        return reasons.length ? [`${ids[a] ?? '?'} / ${ids[b] ?? '?'}: ${reasons.join(', ')}`] : [];
      }),
    );
  const clique = largestClique(conflicts);
  if (clique.length > max) {
    return (
      `exam ${set.id} cannot be placed on ${max} clusters: ${clique.length} scenarios conflict with each other ` +
      `and need a cluster each (${conflictingPairs(clique).join('; ')}); remove ${clique.length - max} of them ` +
      'from the set'
    );
  }
  return (
    `exam ${set.id} cannot be placed on ${max} clusters without two conflicting scenarios sharing one ` +
    `(${conflictingPairs([...ids.keys()]).join('; ')}); remove one of the conflicting scenarios from the set`
  );
}

function largestClique(conflicts: string[][][]): number[] {
  const n = conflicts.length;
  const adjacent = (a: number, b: number) => (conflicts[a]?.[b]?.length ?? 0) > 0;
  let best: number[] = [];
  const grow = (clique: number[], candidates: number[]) => {
    if (clique.length > best.length) best = [...clique];
    candidates.forEach((c, i) => {
      if (clique.length + candidates.length - i <= best.length) return;
      grow(
        [...clique, c],
        candidates.slice(i + 1).filter((d) => adjacent(c, d)),
      );
    });
  };
  grow([], [...Array(n).keys()]);
  return best;
}
