import { isReady } from './run-doctor.js';
import type { CheckResult } from './types.js';

/** Human report: one line per check, a fix line under each problem, and a verdict. */
export function formatReport(results: readonly CheckResult[]): string {
  const width = Math.max(...results.map((r) => r.name.length));
  const lines: string[] = [];
  for (const result of results) {
    const mark = result.ok ? '✓' : result.advisory ? '!' : '✗';
    lines.push(`${mark} ${result.name.padEnd(width)}  ${result.detail}`);
    if (!result.ok && result.fix) lines.push(`  ${' '.repeat(width)}  fix: ${result.fix}`);
  }
  const problems = results.filter((r) => !r.ok && !r.advisory).length;
  const warnings = results.filter((r) => !r.ok && r.advisory).length;
  const suffix = warnings ? ` (${warnings} warning${warnings > 1 ? 's' : ''})` : '';
  lines.push(
    isReady(results)
      ? `ready${suffix}`
      : `not ready: ${problems} problem${problems > 1 ? 's' : ''} to fix${suffix}; see the fix lines above`,
  );
  return `${lines.join('\n')}\n`;
}
