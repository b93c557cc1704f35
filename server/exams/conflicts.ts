import type { ExamScenario } from './types.js';

/** Why two scenarios cannot share a cluster; empty when they can. */
export function conflictReasons(a: ExamScenario, b: ExamScenario): string[] {
  return [
    ...shared(a.globalState, b.globalState).map((key) => `both change ${key}`),
    ...shared(a.namespaces, b.namespaces).map((namespace) => `both use namespace ${namespace}`),
    ...shared(a.serviceIps, b.serviceIps).map((ip) => `both ask for Service IP ${ip}`),
  ];
}

function shared(a: readonly string[], b: readonly string[]): string[] {
  const other = new Set(b);
  return [...new Set(a)].filter((value) => other.has(value)).sort();
}
