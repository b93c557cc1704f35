import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { attemptView } from '../../../server/http/attempt-view.js';
import type { Attempt } from '../../../server/store/index.js';

const stored: Attempt = {
  id: 'att-1',
  labId: 'lab-1',
  learnerId: 'learner-secret-id',
  at: '2026-11-30T07:00:00.000Z',
  durationMs: 812,
  score: 40,
  passed: false,
  tasks: [
    {
      taskId: 'enforce',
      title: 'Enforce baseline',
      status: 'fail',
      score: 0,
      maxScore: 2,
      hint: 'label the namespace',
      checks: [{ name: 'enforce-label', status: 'fail', message: 'expected baseline, found none' }],
    },
  ],
};

describe('attemptView', () => {
  it('keeps what the lab page shows and leaves the learner id on the server', () => {
    const view = attemptView(stored);
    assert.equal('learnerId' in view, false);
    const { learnerId, ...rest } = stored;
    assert.equal(learnerId, 'learner-secret-id');
    assert.deepEqual(view, rest);
  });

  it('drops fields the store may gain later instead of passing them through', () => {
    const withExtra = {
      ...stored,
      internal: 'x',
      tasks: [{ ...stored.tasks[0]!, debug: 1, checks: [{ ...stored.tasks[0]!.checks[0]!, raw: 'y' }] }],
    } as unknown as Attempt;
    const json = JSON.stringify(attemptView(withExtra));
    assert.doesNotMatch(json, /internal|debug|"raw"/);
  });
});
