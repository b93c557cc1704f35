import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KubeConfig } from '@kubernetes/client-node';
import { gradeTasks } from '../../../grader/engine.js';
import { checkSchema } from '../../../grader/schema/check.js';
import type { GradableTask, GraderContext, NodeExecOutput } from '../../../grader/types.js';
import { gradeCheck, localContext } from './support/context.js';

const ok = (id: string) => ({ id, kind: 'nodeExec', argv: ['true'] });
const no = (id: string) => ({ id, kind: 'nodeExec', argv: ['false'] });
const ctx = localContext(new KubeConfig());

function task(id: string, weight: number, checks: unknown[], hints?: string[]): GradableTask {
  return { id, title: `Task ${id}`, weight, hints, checks: checks.map((c) => checkSchema.parse(c)) };
}

describe('composite checks', () => {
  it('allOf passes only when every nested check passes, and reports the failing ones', async () => {
    assert.equal(
      (await gradeCheck({ id: 'all', kind: 'allOf', checks: [ok('a'), ok('b')] }, ctx)).status,
      'pass',
    );
    const result = await gradeCheck({ id: 'all', kind: 'allOf', checks: [ok('a'), no('b')] }, ctx);
    assert.equal(result.status, 'fail');
    assert.equal(
      result.message,
      'expected `false` on the control-plane node to exit with 0, it exited with 1',
    );
    assert.deepEqual(
      result.children?.map((c) => [c.id, c.status]),
      [
        ['a', 'pass'],
        ['b', 'fail'],
      ],
    );
  });

  it('anyOf passes when one alternative holds and lists them all when none does', async () => {
    assert.equal(
      (await gradeCheck({ id: 'any', kind: 'anyOf', checks: [no('a'), ok('b')] }, ctx)).status,
      'pass',
    );
    const result = await gradeCheck({ id: 'any', kind: 'anyOf', checks: [no('a'), no('b')] }, ctx);
    assert.equal(result.status, 'fail');
    assert.match(result.message, /^none of the 2 alternatives holds: expected `false`.* \| expected `false`/);
  });

  it('not inverts pass and fail but keeps error', async () => {
    assert.equal((await gradeCheck({ id: 'n', kind: 'not', check: no('a') }, ctx)).status, 'pass');
    const held = await gradeCheck({ id: 'n', kind: 'not', check: ok('a') }, ctx);
    assert.equal(held.status, 'fail');
    assert.equal(
      held.message,
      'expected this not to hold, but it does: `true` on the control-plane node exited with 0',
    );
    const undecided = await gradeCheck(
      { id: 'n', kind: 'not', check: { id: 'w', kind: 'nodeExec', node: 'worker', argv: ['true'] } },
      ctx,
    );
    assert.equal(undecided.status, 'error');
  });
});

describe('grading engine', () => {
  it('scores tasks by weight and the share of checks passed; hints only for unfinished tasks', async () => {
    const grade = await gradeTasks(
      [task('one', 2, [ok('a'), no('b')], ['look at b']), task('two', 1, [ok('c')], ['unused hint'])],
      ctx,
    );
    assert.equal(grade.status, 'fail');
    assert.equal(grade.score, 2);
    assert.equal(grade.maxScore, 3);
    assert.equal(grade.percent, 66.7);
    const [one, two] = grade.tasks;
    assert.deepEqual([one?.status, one?.score, one?.hints], ['fail', 1, ['look at b']]);
    assert.deepEqual([two?.status, two?.score, two?.hints], ['pass', 1, []]);
  });

  it('an undecidable check makes the task an error, not a fail', async () => {
    const grade = await gradeTasks(
      [task('w', 1, [ok('a'), { id: 'b', kind: 'script', node: 'worker', script: 'true' }])],
      ctx,
    );
    assert.equal(grade.tasks[0]?.status, 'error');
    assert.equal(grade.status, 'error');
  });

  it('runs checks concurrently, never more at once than the limit, nested ones included', async () => {
    const measure = async (concurrency: number) => {
      let active = 0;
      let peak = 0;
      const counting: GraderContext = {
        ...ctx,
        concurrency,
        nodeExec: async (): Promise<NodeExecOutput> => {
          active += 1;
          peak = Math.max(peak, active);
          for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setImmediate(resolve));
          active -= 1;
          return { exitCode: 0, stdout: '', stderr: '' };
        },
      };
      const checks = [
        ok('a'),
        ok('b'),
        ok('c'),
        { id: 'all', kind: 'allOf', checks: [ok('d'), ok('e'), ok('f')] },
      ];
      const grade = await gradeTasks([task('t', 1, checks)], counting);
      assert.equal(grade.status, 'pass');
      return peak;
    };
    assert.equal(await measure(8), 6);
    assert.equal(await measure(2), 2);
  });

  it('a check that exceeds the per-check timeout is an error and does not hold up the others', async () => {
    const hanging: GraderContext = {
      ...ctx,
      checkTimeoutMs: 200,
      nodeExec: (_node, argv, options) =>
        argv[0] === 'hang'
          ? new Promise((_resolve, reject) =>
              options?.signal?.addEventListener('abort', () => reject(options.signal?.reason)),
            )
          : Promise.resolve({ exitCode: 0, stdout: '', stderr: '' }),
    };
    const grade = await gradeTasks(
      [task('t', 1, [ok('fast'), { id: 'slow', kind: 'nodeExec', argv: ['hang'] }])],
      hanging,
    );
    const [fast, slow] = grade.tasks[0]?.checks ?? [];
    assert.equal(fast?.status, 'pass');
    assert.equal(slow?.status, 'error');
    assert.equal(
      slow?.message,
      'the check did not finish within 0.2s; the cluster may be overloaded — try again',
    );
    assert.ok(grade.durationMs < 2_000);
  });
});
