// A learner's page polling the API, plus now and then a Check: GETs of its lab, results, the catalog and the
// session, and a Check POST about one call in twenty. Runs until the load's signal aborts.
import type { Answer, SoakLearner } from '../support/learner.js';
import { pace, randomBelow, type LoadStats } from './stats.js';

const CHECK_ONE_IN = 20;

/** Answers that are the server doing its job under load, not errors: a Check while one runs, rate limits. */
export function expectedRefusal(route: string, answer: Answer): boolean {
  if (answer.status === 429) return true;
  // 409 while another Check of the lab runs ('lab_checking'; older servers said 'lab_not_ready')
  const busy = answer.code === 'lab_checking' || answer.code === 'lab_not_ready';
  return route === 'POST /api/labs/:id/check' && answer.status === 409 && busy;
}

export async function restCaller(
  learner: SoakLearner,
  labId: string,
  stats: LoadStats,
  thinkMs: number,
  signal: AbortSignal,
): Promise<void> {
  const reads: [route: string, path: string][] = [
    ['GET /api/labs/:id', `/api/labs/${labId}`],
    ['GET /api/labs/:id/attempts', `/api/labs/${labId}/attempts`],
    ['GET /api/scenarios', '/api/scenarios'],
    ['GET /api/session', '/api/session'],
    ['GET /api/labs', '/api/labs'],
  ];
  while (!signal.aborted) {
    const check = randomBelow(CHECK_ONE_IN) === 0;
    const [route, path] = check
      ? ['POST /api/labs/:id/check', `/api/labs/${labId}/check`]
      : (reads[randomBelow(reads.length)] ?? reads[0]!);
    const answer = await learner.request(check ? 'POST' : 'GET', path);
    (check ? stats.check : stats.rest).add(answer.ms);
    stats.route(route).add(answer.ms);
    if (answer.status >= 200 && answer.status < 300) {
      if (check) stats.checksCommitted += 1;
    } else {
      const what =
        answer.status === 0 ? `no answer (${answer.network})` : `${answer.status} ${answer.code ?? ''}`;
      stats.outcomes.add(`${route}: ${what}`.trim(), expectedRefusal(route, answer));
    }
    // a page does not hammer the server in a tight loop; the pause also gives the other clients a turn
    await pace(thinkMs, signal);
  }
}
