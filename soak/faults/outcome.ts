import { compareEvidence, evidenceCounts, type Evidence } from '../support/evidence.js';
import type { FaultName } from '../support/options.js';

/** One fault as the summary reports it: what the learner saw, and what was committed before and after. */
export interface FaultOutcome {
  fault: FaultName;
  title: string;
  /** ok: nothing lost, clear answers; WARN: nothing lost, but something a learner or operator should not see; */
  /** FAIL: a committed session or result lost, a cluster orphaned, the server crashed by itself. */
  verdict: 'ok' | 'WARN' | 'FAIL' | 'SKIPPED';
  /** What the learner saw, in order (HTTP answers, socket events, lab messages). */
  saw: string[];
  before?: ReturnType<typeof evidenceCounts>;
  after?: ReturnType<typeof evidenceCounts>;
  /** Failures: lost sessions or results, orphaned clusters. */
  failures: string[];
  /** Findings that are not data loss (a vague error, a lab stuck in a state), for the report. */
  warnings: string[];
  notes: string[];
  seconds: number;
}

/** Collects one fault's observations; `finish` turns them into the outcome with its verdict. */
export class FaultRecorder {
  readonly saw: string[] = [];
  readonly failures: string[] = [];
  readonly warnings: string[] = [];
  readonly notes: string[] = [];
  private before: Evidence | undefined;
  private after: Evidence | undefined;
  private readonly started = performance.now();

  constructor(
    readonly fault: FaultName,
    readonly title: string,
    private readonly say: (line: string) => void,
  ) {}

  learnerSaw(line: string): void {
    this.saw.push(line);
    this.say(`  learner sees: ${line}`);
  }

  fail(line: string): void {
    this.failures.push(line);
    this.say(`  FAIL: ${line}`);
  }

  warn(line: string): void {
    this.warnings.push(line);
    this.say(`  WARN: ${line}`);
  }

  note(line: string): void {
    this.notes.push(line);
    this.say(`  ${line}`);
  }

  evidenceBefore(evidence: Evidence): void {
    this.before = evidence;
  }

  /** Compares with the evidence taken before: anything committed then and missing now is a failure. */
  evidenceAfter(evidence: Evidence): void {
    this.after = evidence;
    if (!this.before) return;
    const diff = compareEvidence(this.before, evidence);
    for (const lost of diff.lost) this.fail(`lost: ${lost}`);
    if (diff.changes.length) this.note(`changed: ${diff.changes.join('; ')}`);
  }

  finish(): FaultOutcome {
    return {
      fault: this.fault,
      title: this.title,
      verdict: this.failures.length ? 'FAIL' : this.warnings.length ? 'WARN' : 'ok',
      saw: this.saw,
      before: this.before && evidenceCounts(this.before),
      after: this.after && evidenceCounts(this.after),
      failures: this.failures,
      warnings: this.warnings,
      notes: this.notes,
      seconds: (performance.now() - this.started) / 1000,
    };
  }

  skipped(reason: string): FaultOutcome {
    this.say(`  SKIPPED ${this.fault}: ${reason}`);
    return { ...this.finish(), verdict: 'SKIPPED', notes: [reason] };
  }
}
