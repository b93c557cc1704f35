import type { Attempt } from '../store/index.js';
import type { AttemptView } from './contract.js';

/** What the browser gets of a stored attempt: named fields only, so a new stored field never leaks by accident. */
export function attemptView(attempt: Attempt): AttemptView {
  const { id, labId, at, durationMs, score, passed, tasks } = attempt;
  return {
    id,
    labId,
    at,
    durationMs,
    score,
    passed,
    tasks: tasks.map(({ taskId, title, status, score, maxScore, hint, checks }) => ({
      taskId,
      title,
      status,
      score,
      maxScore,
      ...(hint === undefined ? {} : { hint }),
      checks: checks.map(({ name, status, message, hint }) => ({
        name,
        status,
        message,
        ...(hint === undefined ? {} : { hint }),
      })),
    })),
  };
}
