// The soak's proof that a fault lost nothing committed: compareEvidence must name every session, lab and result
// that was there before and is gone (or changed) after, and must not call new results or state changes losses.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareEvidence, type Evidence } from '../../../soak/support/evidence.js';

const before: Evidence = {
  sessions: { 'local user': 200, 'learner 2': 200, 'signed out': 401 },
  labs: { lab1: 'ready', lab2: 'ready' },
  attempts: {
    lab1: [
      { id: 'a1', score: 0, passed: false },
      { id: 'a2', score: 40, passed: false },
    ],
    lab2: [{ id: 'b1', score: 0, passed: false }],
  },
};
const copy = (evidence: Evidence): Evidence => structuredClone(evidence);

describe('compareEvidence', () => {
  it('finds nothing lost when everything is still there, and lists new results and state changes', () => {
    const after = copy(before);
    after.labs.lab2 = 'grading';
    after.attempts.lab1?.push({ id: 'a3', score: 100, passed: true });
    const diff = compareEvidence(before, after);
    assert.deepEqual(diff.lost, []);
    assert.deepEqual(diff.changes, ['lab lab2 ready → grading', 'lab lab1: 1 new result(s)']);
  });

  it('names a result that vanished after a restart', () => {
    const after = copy(before);
    after.attempts.lab1 = after.attempts.lab1?.filter((a) => a.id !== 'a2') ?? [];
    assert.deepEqual(compareEvidence(before, after).lost, ['result a2 of lab lab1 (score 40)']);
  });

  it('names a result whose score changed', () => {
    const after = copy(before);
    after.attempts.lab2 = [{ id: 'b1', score: 100, passed: true }];
    assert.deepEqual(compareEvidence(before, after).lost, ['result b1 of lab lab2 changed: 0 → 100']);
  });

  it('names a session that stopped being valid, but not one that was invalid before', () => {
    const after = copy(before);
    after.sessions['learner 2'] = 401;
    assert.deepEqual(compareEvidence(before, after).lost, ['the session of learner 2 (now HTTP 401)']);
  });

  it('names a lab that is gone, and every result of it', () => {
    const after = copy(before);
    delete after.labs.lab2;
    delete after.attempts.lab2;
    assert.deepEqual(compareEvidence(before, after).lost, [
      'lab lab2 (was ready)',
      'result b1 of lab lab2 (score 0)',
    ]);
  });
});
