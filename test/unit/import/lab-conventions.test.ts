import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findConventionNeeds } from '../../../server/import/lab-conventions.js';

const found = (text: string, nodes: 1 | 2) =>
  findConventionNeeds(text, 'x.sh', nodes).map((n) => `${n.line} ${n.what.split(':')[0]}`);

describe('findConventionNeeds: content that needs a node01 the lab does not have', () => {
  const text = 'ssh node01 hostname\n  nodeName: node01\nssh -o BatchMode=yes root@node01 true\n# ssh node01';

  it('flags ssh node01 and nodeName: node01 in a one-node lab, comments aside', () => {
    assert.deepEqual(found(text, 1), ['1 ssh node01', '2 nodeName', '3 ssh node01']);
  });

  it('flags nothing in a two-node lab, nor what every lab provides', () => {
    assert.deepEqual(found(text, 2), []);
    assert.deepEqual(
      found('ssh controlplane hostname\ncat ~/.kube/config\nkubectl config set-cluster kubernetes', 1),
      [],
    );
  });
});
