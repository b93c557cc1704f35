import { nowIso } from './ids.js';
import type { StoreData } from './schema.js';

/**
 * Inside one write: marks the learners revoked and removes their sessions, so no request or socket admission in
 * between finds them signed in. Answers the tokenHashes of the removed sessions (live sockets are indexed by them).
 */
export function revokeLearnersIn(data: StoreData, learnerIds: ReadonlySet<string>): string[] {
  const at = nowIso();
  for (const learner of data.learners) if (learnerIds.has(learner.id)) learner.revokedAt ??= at;
  const ended = data.sessions.filter((s) => learnerIds.has(s.learnerId)).map((s) => s.tokenHash);
  data.sessions = data.sessions.filter((s) => !learnerIds.has(s.learnerId));
  return ended;
}
