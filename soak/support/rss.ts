import { readTextIfExists } from '../../server/files/missing-ok.js';

/** VmRSS of a process in MiB from /proc/<pid>/status; null once the process is gone. */
export async function rssMiB(pid: number): Promise<number | null> {
  const status = await readTextIfExists(`/proc/${pid}/status`);
  const kib = status ? /^VmRSS:\s+(\d+)\s+kB$/m.exec(status)?.[1] : undefined;
  return kib === undefined ? null : Number(kib) / 1024;
}

export interface RssSample {
  phase: string;
  mib: number;
}

/** Samples the server's RSS every `everyMs` under the current phase label, so peaks can be told apart. */
export class RssSampler {
  readonly samples: RssSample[] = [];
  private timer: NodeJS.Timeout | undefined;
  phase = 'start';

  constructor(
    private readonly pid: () => number | null,
    private readonly everyMs = 500,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => void this.sample(), this.everyMs);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  async sample(): Promise<number | null> {
    const pid = this.pid();
    const mib = pid === null ? null : await rssMiB(pid);
    if (mib !== null) this.samples.push({ phase: this.phase, mib });
    return mib;
  }

  peak(phase?: string): number {
    const values = this.samples.filter((s) => !phase || s.phase === phase).map((s) => s.mib);
    return values.length ? Math.max(...values) : NaN;
  }

  last(phase: string): number {
    return this.samples.filter((s) => s.phase === phase).at(-1)?.mib ?? NaN;
  }

  first(phase: string): number {
    return this.samples.find((s) => s.phase === phase)?.mib ?? NaN;
  }
}
