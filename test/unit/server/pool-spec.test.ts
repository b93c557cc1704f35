import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readServeConfig } from '../../../server/cli/commands/serve-config.js';
import { UserError } from '../../../server/cli/user-error.js';
import {
  defaultPoolSpec,
  describePoolSpec,
  parsePoolSpec,
  PoolSpecError,
} from '../../../server/labs/pool-spec.js';

describe('pool spec', () => {
  it('reads <nodes>:<count> shapes and <scenario-id>:<count> pre-staged entries, in order', () => {
    const spec = parsePoolSpec(' 1:2, 2:1,kubesec-fix:1 ', '--pool');
    assert.deepEqual(spec.targets, [
      { kind: 'shape', nodes: 1, count: 2 },
      { kind: 'shape', nodes: 2, count: 1 },
      { kind: 'staged', scenarioId: 'kubesec-fix', count: 1 },
    ]);
    assert.equal(describePoolSpec(spec), '1-node ×2, 2-node ×1, kubesec-fix ×1');
  });

  it('turns the pool off with 0 or off, and leaves out zero counts', () => {
    for (const off of ['0', 'off', ' OFF ']) assert.deepEqual(parsePoolSpec(off, 'CKS_LAB_POOL').targets, []);
    assert.equal(describePoolSpec(parsePoolSpec('off', 'CKS_LAB_POOL')), 'off');
    assert.deepEqual(parsePoolSpec('1:0,2:1', 'CKS_LAB_POOL').targets, [
      { kind: 'shape', nodes: 2, count: 1 },
    ]);
  });

  it('refuses bad input, naming the source, the entry and an example', () => {
    const cases: [string, RegExp][] = [
      ['3:1', /entry 1 "3:1": a lab has 1 or 2 nodes/],
      ['1', /entry 1 "1" is not <what>:<count>/],
      ['1:2,2:x', /entry 2 "2:x" is not <what>:<count>/],
      ['1:-1', /entry 1 "1:-1" is not <what>:<count>/],
      ['Bad_Id:1', /"bad_id" is not a scenario id/],
      ['1:1,1:2', /"1" is listed twice/],
      ['1:51', /asks for more than 50/],
      ['', /entry 1 "" is not/],
    ];
    for (const [raw, problem] of cases) {
      assert.throws(
        () => parsePoolSpec(raw, '--pool'),
        (error: unknown) => {
          assert.ok(error instanceof PoolSpecError, raw);
          assert.match(error.message, new RegExp(`^invalid --pool="${raw.replace(/[-:,]/g, '\\$&')}"`));
          assert.match(error.message, problem);
          assert.match(error.message, /e\.g\. 1:2,2:1,kubesec-fix:1/);
          return true;
        },
      );
    }
  });

  it('serve: defaults to one warm 1-node cluster; CKS_LAB_POOL sets it; --pool wins', () => {
    const byDefault = readServeConfig({}, {});
    assert.deepEqual(byDefault.pool.spec, defaultPoolSpec());
    assert.equal(byDefault.pool.source, 'default');
    assert.equal(byDefault.pool.maxConcurrentCreates, 1, 'one creation at a time unless told otherwise');
    assert.equal(describePoolSpec(readServeConfig({ CKS_LAB_POOL: '' }, {}).pool.spec), '1-node ×1');

    const fromEnv = readServeConfig({ CKS_LAB_POOL: '2:1,demo:2', CKS_LAB_POOL_CREATES: '2' }, {});
    assert.equal(describePoolSpec(fromEnv.pool.spec), '2-node ×1, demo ×2');
    assert.equal(fromEnv.pool.source, 'CKS_LAB_POOL');
    assert.equal(fromEnv.pool.maxConcurrentCreates, 2);

    const flagWins = readServeConfig({ CKS_LAB_POOL: '2:1' }, { pool: 'off' });
    assert.equal(describePoolSpec(flagWins.pool.spec), 'off');
    assert.equal(flagWins.pool.source, '--pool');
  });

  it('serve: a bad pool value is a usage error naming the variable or flag', () => {
    assert.throws(
      () => readServeConfig({ CKS_LAB_POOL: '3:1' }, {}),
      (error: unknown) =>
        error instanceof UserError &&
        error.exitCode === 2 &&
        /^invalid CKS_LAB_POOL="3:1": .*e\.g\. 1:2,2:1/.test(error.message),
    );
    assert.throws(() => readServeConfig({}, { pool: '1:x' }), /invalid --pool="1:x"/);
    assert.throws(
      () => readServeConfig({ CKS_LAB_POOL_CREATES: '0' }, {}),
      /invalid CKS_LAB_POOL_CREATES="0"/,
    );
  });
});
