import { quantile } from '../../bench/support/figures.js';

/** Counts of outcomes by kind, split into expected ones (a refused concurrent Check, a terminal taken over) and not. */
export class Tally {
  readonly expected = new Map<string, number>();
  readonly unexpected = new Map<string, number>();

  add(kind: string, expected = false): void {
    const map = expected ? this.expected : this.unexpected;
    map.set(kind, (map.get(kind) ?? 0) + 1);
  }

  get unexpectedCount(): number {
    return [...this.unexpected.values()].reduce((a, b) => a + b, 0);
  }
}

/** Latency samples (ms) with the figures the summary prints. */
export class Latencies {
  readonly samples: number[] = [];

  add(ms: number): void {
    this.samples.push(ms);
  }

  get count(): number {
    return this.samples.length;
  }

  p(q: number): number {
    return quantile(this.samples, q);
  }

  get max(): number {
    return this.samples.length ? Math.max(...this.samples) : NaN;
  }

  /** "n=1234 p50 3 ms, p95 41 ms, max 220 ms" */
  describe(): string {
    if (!this.count) return 'no samples';
    const ms = (value: number) => `${value < 10 ? value.toFixed(1) : value.toFixed(0)} ms`;
    return `n=${this.count}  p50 ${ms(this.p(0.5))}  p95 ${ms(this.p(0.95))}  max ${ms(this.max)}`;
  }
}
