/**
 * asciicast v2 as the server records it, read for replay. The text is what a learner's terminal showed: every
 * line is checked, a line that is not a well-formed event is skipped, and idle stretches are compressed.
 */
export interface CastEvent {
  /** Seconds on the replay's clock (idle gaps compressed to the header's idle_time_limit). */
  at: number;
  code: 'o' | 'r' | 'm';
  data: string;
}

export interface Cast {
  width: number;
  height: number;
  title: string;
  events: CastEvent[];
  /** The replay's length in seconds. */
  duration: number;
  markers: { at: number; label: string; index: number }[];
}

const DEFAULT_IDLE_LIMIT_S = 2;
const MAX_EVENTS = 500_000;

const dimension = (value: unknown, fallback: number): number =>
  Number.isInteger(value) && (value as number) >= 2 && (value as number) <= 1000
    ? (value as number)
    : fallback;

export function parseCast(text: string): Cast {
  const lines = text.split('\n');
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(lines[0] ?? '') as Record<string, unknown>;
  } catch {
    throw new Error('This is not a terminal recording (no asciicast header).');
  }
  if (header.version !== 2) throw new Error('This recording is not asciicast version 2.');
  const limit =
    typeof header.idle_time_limit === 'number' && header.idle_time_limit > 0
      ? header.idle_time_limit
      : DEFAULT_IDLE_LIMIT_S;
  const events: CastEvent[] = [];
  const markers: Cast['markers'] = [];
  let lastRaw = 0;
  let at = 0;
  for (const line of lines.slice(1)) {
    if (events.length >= MAX_EVENTS) break;
    const event = parseEvent(line);
    if (!event) continue;
    // never backwards, and no pause longer than the idle limit
    at += Math.min(Math.max(0, event[0] - lastRaw), limit);
    lastRaw = Math.max(lastRaw, event[0]);
    if (event[1] === 'm') markers.push({ at, label: event[2], index: events.length });
    events.push({ at, code: event[1], data: event[2] });
  }
  return {
    width: dimension(header.width, 80),
    height: dimension(header.height, 24),
    title: typeof header.title === 'string' ? header.title : '',
    events,
    duration: at,
    markers,
  };
}

function parseEvent(line: string): [number, 'o' | 'r' | 'm', string] | undefined {
  if (!line) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!Array.isArray(value) || value.length !== 3) return undefined;
  const [time, code, data] = value as unknown[];
  if (typeof time !== 'number' || !Number.isFinite(time) || typeof data !== 'string') return undefined;
  if (code !== 'o' && code !== 'r' && code !== 'm') return undefined;
  return [time, code, data];
}

/** "120x40" → the size; anything else → undefined. */
export function parseSize(data: string): { cols: number; rows: number } | undefined {
  const match = /^(\d{1,4})x(\d{1,4})$/.exec(data);
  if (!match) return undefined;
  const cols = dimension(Number(match[1]), 0);
  const rows = dimension(Number(match[2]), 0);
  return cols && rows ? { cols, rows } : undefined;
}
