import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { byCurriculum } from '../../../server/scenarios/catalog-order.js';

describe('byCurriculum', () => {
  it('orders by the curriculum’s domains, then difficulty, then title', () => {
    const listed = [
      { title: 'b', domain: 'Supply Chain Security', difficulty: 'easy' },
      { title: 'z', domain: 'Cluster Setup', difficulty: 'hard' },
      { title: 'y', domain: 'Cluster Setup', difficulty: 'easy' },
      { title: 'a', domain: 'Cluster Setup', difficulty: 'easy' },
      { title: 'c', domain: 'Monitoring Logging and Runtime Security', difficulty: 'easy' },
      { title: 'd', domain: 'Cluster Hardening', difficulty: 'medium' },
    ];
    assert.deepEqual(
      [...listed].sort(byCurriculum).map((s) => s.title),
      ['a', 'y', 'z', 'd', 'b', 'c'],
    );
  });

  it('puts an unknown domain last instead of throwing', () => {
    const sorted = [
      { title: 'x', domain: 'Something new', difficulty: 'easy' },
      { title: 'y', domain: 'System Hardening', difficulty: 'hard' },
    ].sort(byCurriculum);
    assert.equal(sorted[0]?.title, 'y');
  });
});
