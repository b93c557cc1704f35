import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { valueAssertionSchema } from '../../../grader/schema/common.js';
import { assertValue } from '../../../grader/value/assert.js';

const manifest = {
  spec: {
    containers: [
      {
        command: [
          'kube-apiserver',
          '--enable-admission-plugins=NodeRestriction,ImagePolicyWebhook',
          '--secure-port=6443',
        ],
        securityContext: { runAsNonRoot: true, privileged: false },
      },
      { command: ['sidecar'] },
    ],
    replicas: 3,
  },
};

function check(assertion: Record<string, unknown>) {
  return assertValue(manifest, valueAssertionSchema.parse(assertion));
}

describe('value assertions', () => {
  it('equals compares scalars by text and reports expected vs found', () => {
    assert.equal(check({ path: 'spec.replicas', equals: '3' }).ok, true);
    const outcome = check({ path: 'spec.containers[0].securityContext.privileged', equals: true });
    assert.deepEqual(outcome, {
      ok: false,
      expectation: 'spec.containers[0].securityContext.privileged = true',
      statement: 'spec.containers[0].securityContext.privileged = true',
      found: 'false',
    });
    assert.equal(check({ path: 'spec.hostPID', equals: false }).found, 'not set');
  });

  it('notEquals passes on a different or missing value', () => {
    assert.equal(check({ path: 'spec.replicas', notEquals: 2 }).ok, true);
    assert.equal(check({ path: 'spec.hostPID', notEquals: true }).ok, true);
    assert.equal(check({ path: 'spec.replicas', notEquals: 3 }).expectation, 'spec.replicas not to be 3');
    assert.equal(check({ path: 'spec.replicas', notEquals: 2 }).statement, 'spec.replicas is not 2');
  });

  it('contains: element of an array, substring of a string, sub-mapping of a mapping', () => {
    assert.equal(check({ path: 'spec.containers[0].command', contains: '--secure-port=6443' }).ok, true);
    assert.equal(check({ path: 'spec.containers[0].command[1]', contains: 'ImagePolicyWebhook' }).ok, true);
    assert.equal(
      check({ path: 'spec.containers[0].securityContext', contains: { runAsNonRoot: true } }).ok,
      true,
    );
    const missing = check({
      path: 'spec.containers[0].command',
      contains: '--admission-control-config-file=/x',
    });
    assert.equal(missing.ok, false);
    assert.match(
      missing.found,
      /^\["kube-apiserver", "--enable-admission-plugins=NodeRestriction,ImagePolicyWebhook"/,
    );
  });

  it('matches: regex on a string or on any element of an array', () => {
    assert.equal(
      check({
        path: 'spec.containers[0].command',
        matches: '^--enable-admission-plugins=.*ImagePolicyWebhook',
      }).ok,
      true,
    );
    const outcome = check({ path: 'spec.containers[0].command', matches: 'AlwaysPullImages' });
    assert.equal(outcome.ok, false);
    assert.equal(outcome.expectation, 'spec.containers[0].command to match /AlwaysPullImages/');
  });

  it('exists true/false', () => {
    assert.equal(check({ path: 'spec.replicas', exists: true }).ok, true);
    assert.deepEqual(check({ path: 'spec.hostNetwork', exists: true }), {
      ok: false,
      expectation: 'spec.hostNetwork to be set',
      statement: 'spec.hostNetwork is set',
      found: 'not set',
    });
    assert.equal(check({ path: 'spec.replicas', exists: false }).ok, false);
  });

  it('each applies the operator to every element and names the first offender', () => {
    const outcome = check({
      path: 'spec.containers[*].securityContext.runAsNonRoot',
      each: true,
      equals: true,
    });
    assert.equal(outcome.ok, false);
    assert.equal(
      outcome.expectation,
      'every element of spec.containers[*].securityContext.runAsNonRoot = true',
    );
    assert.equal(outcome.found, 'not set at index 1 of [true, not set]');
    assert.equal(check({ path: 'spec.containers[*].command', each: true, exists: true }).ok, true);
    assert.equal(check({ path: 'spec.volumes', each: true, exists: true }).found, 'not set (not a list)');
  });

  it('the schema demands exactly one operator and a parseable path', () => {
    const problems = (input: unknown) =>
      valueAssertionSchema.safeParse(input).error?.issues.map((i) => i.message) ?? [];
    assert.match(
      problems({ path: 'a', equals: 1, matches: 'x' }).join(),
      /exactly one of .*\(found equals and matches\)/,
    );
    assert.match(problems({ path: 'a' }).join(), /exactly one of/);
    assert.match(problems({ path: 'a[', exists: true }).join(), /path "a\[" at character 2/);
    assert.match(problems({ path: 'a', matches: '(' }).join(), /not a valid regular expression/);
  });
});
