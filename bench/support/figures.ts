import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** One measured figure: what, how much, in which unit, and how it was measured (runs, spread). */
export interface Figure {
  name: string;
  value: number;
  unit: 's' | 'ms' | 'MiB' | '%' | 'ratio' | 'count';
  detail?: string;
}

export const BENCH_RESULTS_DIR = join('test-results', 'bench');

/** p-quantile of samples (nearest rank); NaN for no samples. */
export function quantile(samples: readonly number[], q: number): number {
  if (!samples.length) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
}

export function median(samples: readonly number[]): number {
  return quantile(samples, 0.5);
}

/** "12.3 s (3 runs: 11.9–13.0)" */
export function spread(samples: readonly number[], unit: string, digits = 1): string {
  if (!samples.length) return 'no runs';
  const min = Math.min(...samples).toFixed(digits);
  const max = Math.max(...samples).toFixed(digits);
  return `${samples.length} run(s): ${min}–${max} ${unit}`;
}

/** Prints the figures as an aligned table and writes them to test-results/bench/<bench>.json. */
export async function report(bench: string, figures: readonly Figure[]): Promise<void> {
  const rows = figures.map((f) => [
    f.name,
    Number.isFinite(f.value) ? `${round(f.value)} ${f.unit === 'ratio' ? '×' : f.unit}` : 'n/a',
    f.detail ?? '',
  ]);
  const widths = [0, 1].map((column) => Math.max(...rows.map((row) => row[column]?.length ?? 0), 6));
  const line = (row: string[]) =>
    `${(row[0] ?? '').padEnd(widths[0] ?? 0)}  ${(row[1] ?? '').padStart(widths[1] ?? 0)}  ${row[2] ?? ''}`;
  process.stdout.write(`${line(['FIGURE', 'VALUE', 'HOW'])}\n${rows.map(line).join('\n')}\n`);
  await mkdir(BENCH_RESULTS_DIR, { recursive: true });
  const file = join(BENCH_RESULTS_DIR, `${bench}.json`);
  await writeFile(file, `${JSON.stringify({ bench, at: new Date().toISOString(), figures }, null, 2)}\n`);
  process.stdout.write(`(written to ${file})\n`);
}

function round(value: number): string {
  return Math.abs(value) >= 100
    ? value.toFixed(0)
    : Math.abs(value) >= 10
      ? value.toFixed(1)
      : value.toFixed(2);
}
