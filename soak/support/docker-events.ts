// Waiting on the Docker engine's own event stream instead of polling it: `docker events` with filters, ended as
// soon as the first matching event arrives (or the deadline passes).
import { CommandError, run } from '../../server/exec/run.js';

/**
 * Resolves with the first line `docker events` prints for these filters (e.g. label=…, event=start); rejects
 * when none comes within the deadline. Events from the moment of the call on count (--since), so an event that
 * happens while the CLI is still connecting is not missed.
 */
export function nextDockerEvent(
  filters: readonly string[],
  timeoutMs: number,
  what: string,
): Promise<string> {
  const stop = new AbortController();
  let first: string | undefined;
  const since = (Date.now() / 1000).toFixed(3);
  const stream = run(
    [
      'docker',
      'events',
      '--since',
      since,
      ...filters.flatMap((f) => ['--filter', f]),
      '--format',
      '{{.Actor.Attributes.name}} {{.Action}}',
    ],
    {
      timeoutMs,
      signal: stop.signal,
      onLine: (line) => {
        if (first !== undefined || !line.trim()) return;
        first = line.trim();
        stop.abort();
      },
    },
  );
  return stream.then(
    () => {
      throw new Error(`docker events ended before ${what}`);
    },
    (error: unknown) => {
      if (first !== undefined) return first;
      if (error instanceof CommandError && error.reason === 'timeout')
        throw new Error(`no ${what} within ${Math.round(timeoutMs / 1000)} s`);
      throw error;
    },
  );
}
