// The summary the soak ends with (and test-results/soak/summary.json): the load's figures, each fault with what
// the learner saw and what was committed before and after, and the verdict with its reasons.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FaultOutcome } from '../faults/outcome.js';
import type { LoadResult } from '../phases/load.js';
import type { SoakOptions } from './options.js';
import type { RssSampler } from './rss.js';

export const SOAK_RESULTS_DIR = join('test-results', 'soak');

export interface SoakSummary {
  options: SoakOptions;
  readySeconds: number[];
  load?: LoadResult;
  faults: FaultOutcome[];
  cleanup: string[];
  failures: string[];
  minutes: number;
}

const mib = (value: number) => (Number.isFinite(value) ? `${value.toFixed(0)} MiB` : 'n/a');
const row = (label: string, value: string) => `  ${label.padEnd(30)} ${value}`;

function tallyLines(map: ReadonlyMap<string, number>, empty: string): string[] {
  if (!map.size) return [empty];
  return [...map]
    .sort((a, b) => b[1] - a[1])
    .map(([kind, count]) => `    ${String(count).padStart(6)} × ${kind}`);
}

export function formatSummary(summary: SoakSummary, rss: RssSampler): string {
  const { options, load } = summary;
  const out: string[] = [
    '',
    `══ cks-lab soak: ${options.clients} clients, ${options.labs} labs (${options.scenario}), ${options.seconds} s of load, ${summary.minutes.toFixed(1)} min in all ══`,
    'LOAD',
    row(
      'labs ready (started at once)',
      summary.readySeconds.map((s) => `${s.toFixed(0)} s`).join(', ') || 'n/a',
    ),
    row(
      'server RSS',
      `before load ${mib(rss.last('labs'))} · peak in load ${mib(rss.peak('load'))} · after ${mib(rss.last('after load'))} · peak of run ${mib(rss.peak())} (cap ${options.rssCapMiB} MiB)`,
    ),
  ];
  if (load) {
    const s = load.stats;
    out.push(
      row(
        'host load average (1 min)',
        `${load.hostLoad.before.toFixed(1)} as the load began, ${load.hostLoad.after.toFixed(1)} as it ended, on ${load.hostLoad.cores} cores`,
      ),
      row(
        'clients',
        `${load.clients.rest} REST, ${load.clients.churn} attach/detach, ${load.clients.flood} flooders, 1 typist`,
      ),
      row('REST latency (GETs)', s.rest.describe()),
      row('Check latency (POSTs)', `${s.check.describe()}  (${s.checksCommitted} results committed)`),
      row('terminal echo, idle', s.echoIdle.describe()),
      row('terminal echo, under load', s.echo.describe()),
      row('terminal attach', s.attach.describe()),
      row(
        'floods (slow readers)',
        `${s.floods} floods, ${(s.floodChars / 1e6).toFixed(1)} M chars delivered`,
      ),
      row(
        'committed data',
        load.evidence.lost.length
          ? `LOST: ${load.evidence.lost.join('; ')}`
          : `nothing lost (${load.evidence.changes.join('; ') || 'no change'})`,
      ),
    );
    for (const [route, latencies] of [...s.restByRoute].sort())
      out.push(row(`  ${route}`, latencies.describe()));
    out.push(
      '  expected refusals (the server doing its job):',
      ...tallyLines(s.outcomes.expected, '    none'),
    );
    out.push('  errors by kind:', ...tallyLines(s.outcomes.unexpected, '    none'));
    for (const note of load.notes) out.push(`  note: ${note}`);
  }
  out.push('FAULTS');
  for (const fault of summary.faults) {
    const counts =
      fault.before && fault.after
        ? `sessions ${fault.before.sessions} → ${fault.after.sessions}; results ${fault.before.results} → ${fault.after.results}; labs ${fault.before.labs} → ${fault.after.labs}`
        : '';
    out.push(
      `  [${fault.verdict}] ${fault.title} (${fault.seconds.toFixed(0)} s)${counts ? `\n        ${counts}` : ''}`,
    );
    for (const line of fault.saw) out.push(`        learner saw: ${line}`);
    for (const line of fault.failures) out.push(`        FAIL: ${line}`);
    for (const line of fault.warnings) out.push(`        WARN: ${line}`);
    for (const line of fault.notes)
      out.push(`        ${fault.verdict === 'SKIPPED' ? 'SKIPPED: ' : ''}${line}`);
  }
  if (!summary.faults.length) out.push('  none run');
  out.push(
    'CLEAN-UP',
    ...(summary.cleanup.length ? summary.cleanup.map((l) => `  ${l}`) : ['  nothing left']),
  );
  out.push(
    summary.failures.length
      ? `RESULT: FAIL\n${summary.failures.map((f) => `  - ${f}`).join('\n')}`
      : 'RESULT: ok (no crash, RSS under the cap, nothing committed lost, no cluster left)',
  );
  return `${out.join('\n')}\n`;
}

export async function writeSummary(summary: SoakSummary, rss: RssSampler): Promise<string> {
  await mkdir(SOAK_RESULTS_DIR, { recursive: true });
  const file = join(SOAK_RESULTS_DIR, 'summary.json');
  const load = summary.load && {
    clients: summary.load.clients,
    hostLoad: summary.load.hostLoad,
    crashed: summary.load.crashed,
    evidence: summary.load.evidence,
    notes: summary.load.notes,
    figures: Object.fromEntries(
      (['rest', 'check', 'echoIdle', 'echo', 'attach'] as const).map((name) => {
        const l = summary.load!.stats[name];
        return [name, { n: l.count, p50: l.p(0.5), p95: l.p(0.95), max: l.max }];
      }),
    ),
    expected: Object.fromEntries(summary.load.stats.outcomes.expected),
    errors: Object.fromEntries(summary.load.stats.outcomes.unexpected),
  };
  const rssMiB = {
    beforeLoad: rss.last('labs'),
    peakLoad: rss.peak('load'),
    afterLoad: rss.last('after load'),
    peak: rss.peak(),
  };
  await writeFile(
    file,
    `${JSON.stringify({ at: new Date().toISOString(), ...summary, load, rssMiB }, null, 2)}\n`,
  );
  return file;
}
