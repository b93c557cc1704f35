import { parseArgs } from 'node:util';

export const FAULTS = ['kill-check', 'kill-provisioning', 'data-full', 'docker-restart'] as const;
export type FaultName = (typeof FAULTS)[number];

export interface SoakOptions {
  clients: number;
  labs: number;
  seconds: number;
  scenario: string;
  rssCapMiB: number;
  thinkMs: number;
  faults: FaultName[];
  /** The whole run is cut off (and cleaned up) after this; a healthy run on 2 cores takes about 6 minutes. */
  maxMinutes: number;
}

export const USAGE = `npm run soak -- [options]

Load and fault suite against one real \`cks-lab serve\` on loopback (real kind clusters). Prints a summary
(server RSS, REST and terminal-echo latency, each fault with what the learner saw and the sessions and results
before and after) and writes it to test-results/soak/summary.json. Exits non-zero only on a real failure: the
server crashed, its RSS passed the cap, a committed session or result was lost, a cluster was orphaned.

Options:
  --clients <n>      concurrent socket and REST clients during the load (default 50)
  --labs <n>         labs started by as many learners (default 3, at most 5)
  --seconds <n>      length of the load (default 60)
  --scenario <id>    scenario every lab runs (default kubesec-fix)
  --rss-cap <MiB>    server RSS above this is a failure (default 1024)
  --think-ms <ms>    pause of a REST client between two calls (default 100)
  --faults <list>    comma list of ${FAULTS.join(', ')}, or all or none (default all);
                     docker-restart restarts the shared Docker engine and is skipped while kind clusters this
                     run did not make exist
  --max-minutes <n>  cut the run off (cleaning up) after this long (default 15)
  -h, --help         this text`;

export class UsageError extends Error {
  override name = 'UsageError';
}

function whole(name: string, raw: string, min: number, max: number): number {
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max)
    throw new UsageError(`invalid --${name} "${raw}": use a whole number from ${min} to ${max}`);
  return Number(raw);
}

function faultList(raw: string): FaultName[] {
  if (raw === 'all') return [...FAULTS];
  if (raw === 'none') return [];
  return raw.split(',').map((item) => {
    const name = item.trim();
    if (!(FAULTS as readonly string[]).includes(name))
      throw new UsageError(`unknown fault "${name}" in --faults: use ${FAULTS.join(', ')}, all or none`);
    return name as FaultName;
  });
}

/** Reads the command line; null when --help was asked for. Throws UsageError on a bad value. */
export function readOptions(argv: readonly string[]): SoakOptions | null {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      clients: { type: 'string', default: '50' },
      labs: { type: 'string', default: '3' },
      seconds: { type: 'string', default: '60' },
      scenario: { type: 'string', default: 'kubesec-fix' },
      'rss-cap': { type: 'string', default: '1024' },
      'think-ms': { type: 'string', default: '100' },
      faults: { type: 'string', default: 'all' },
      'max-minutes': { type: 'string', default: '15' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return null;
  return {
    clients: whole('clients', values.clients, 1, 500),
    labs: whole('labs', values.labs, 1, 5),
    seconds: whole('seconds', values.seconds, 5, 1800),
    scenario: values.scenario,
    rssCapMiB: whole('rss-cap', values['rss-cap'], 64, 65536),
    thinkMs: whole('think-ms', values['think-ms'], 0, 60_000),
    faults: faultList(values.faults),
    maxMinutes: whole('max-minutes', values['max-minutes'], 1, 120),
  };
}
