// What the server has committed, as learners read it through the API: whose session is valid, which labs they
// have and every Check result. Taken before and after a fault; anything committed before must still be there.
import type { LabView } from '../../server/labs/view.js';
import type { SoakLearner } from './learner.js';

export interface AttemptRecord {
  id: string;
  score: number;
  passed: boolean;
}

export interface Evidence {
  /** learner name → HTTP status of GET /api/session (200: the session is valid). */
  sessions: Record<string, number>;
  /** lab id → its state. */
  labs: Record<string, string>;
  /** lab id → its Check results in order. */
  attempts: Record<string, AttemptRecord[]>;
}

export interface EvidenceDiff {
  /** Committed things that are gone or changed: each one is a failure. */
  lost: string[];
  /** What changed legitimately (new results, lab states). */
  changes: string[];
}

export async function collectEvidence(learners: readonly SoakLearner[]): Promise<Evidence> {
  const evidence: Evidence = { sessions: {}, labs: {}, attempts: {} };
  for (const learner of learners) {
    const session = await learner.request('GET', '/api/session');
    evidence.sessions[learner.name] = session.status;
    if (session.status !== 200) continue;
    const labs = await learner.request<{ labs: LabView[] }>('GET', '/api/labs');
    for (const lab of labs.body?.labs ?? []) {
      evidence.labs[lab.id] = lab.state;
      const attempts = await learner.request<{ attempts: AttemptRecord[] }>(
        'GET',
        `/api/labs/${lab.id}/attempts`,
      );
      evidence.attempts[lab.id] = (attempts.body?.attempts ?? []).map(({ id, score, passed }) => ({
        id,
        score,
        passed,
      }));
    }
  }
  return evidence;
}

export function compareEvidence(before: Evidence, after: Evidence): EvidenceDiff {
  const lost: string[] = [];
  const changes: string[] = [];
  for (const [name, status] of Object.entries(before.sessions)) {
    const now = after.sessions[name];
    if (status === 200 && now !== 200) lost.push(`the session of ${name} (now HTTP ${now ?? 'not asked'})`);
  }
  for (const [labId, state] of Object.entries(before.labs)) {
    const now = after.labs[labId];
    if (now === undefined) lost.push(`lab ${labId} (was ${state})`);
    else if (now !== state) changes.push(`lab ${labId} ${state} → ${now}`);
  }
  for (const [labId, attempts] of Object.entries(before.attempts)) {
    const kept = new Map((after.attempts[labId] ?? []).map((a) => [a.id, a]));
    for (const attempt of attempts) {
      const now = kept.get(attempt.id);
      if (!now) lost.push(`result ${attempt.id} of lab ${labId} (score ${attempt.score})`);
      else if (now.score !== attempt.score || now.passed !== attempt.passed)
        lost.push(`result ${attempt.id} of lab ${labId} changed: ${attempt.score} → ${now.score}`);
    }
  }
  for (const [labId, attempts] of Object.entries(after.attempts)) {
    const known = new Set((before.attempts[labId] ?? []).map((a) => a.id));
    const added = attempts.filter((a) => !known.has(a.id));
    if (added.length) changes.push(`lab ${labId}: ${added.length} new result(s)`);
  }
  return { lost, changes };
}

/** "4/4 valid" and "6" for the summary's before → after columns. */
export function evidenceCounts(evidence: Evidence): { sessions: string; results: number; labs: string } {
  const statuses = Object.values(evidence.sessions);
  const states = Object.values(evidence.labs);
  const byState = new Map<string, number>();
  for (const state of states) byState.set(state, (byState.get(state) ?? 0) + 1);
  return {
    sessions: `${statuses.filter((s) => s === 200).length}/${statuses.length} valid`,
    results: Object.values(evidence.attempts).reduce((sum, list) => sum + list.length, 0),
    labs: [...byState].map(([state, count]) => `${count} ${state}`).join(', ') || 'none',
  };
}
