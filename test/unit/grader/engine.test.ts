import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { KubeConfig } from '@kubernetes/client-node';
import { gradeTasks } from '../../../grader/engine.js';
import { learnerMessage } from '../../../grader/learner-view.js';
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

describe('concealed checks', () => {
  it('keep their message and nested results for authors, marked, and show learners only the verdict', async () => {
    const failing = await gradeCheck(
      { id: 'c', kind: 'allOf', conceal: true, hint: 'read the log', checks: [ok('a'), no('b')] },
      ctx,
    );
    assert.equal(failing.conceal, true);
    assert.equal(failing.status, 'fail');
    assert.equal(failing.hint, 'read the log');
    assert.match(failing.message, /`false`/, 'scenario test and authors still see why');
    assert.deepEqual(
      failing.children?.map((c) => c.id),
      ['a', 'b'],
    );
    assert.equal(learnerMessage(failing), 'not yet');
    const passing = await gradeCheck({ ...no('c'), conceal: true, argv: ['true'] }, ctx);
    assert.deepEqual([passing.status, learnerMessage(passing)], ['pass', 'passed']);
    const undecided = await gradeCheck(
      { id: 'w', kind: 'nodeExec', node: 'worker', argv: ['true'], conceal: true },
      ctx,
    );
    assert.equal(undecided.status, 'error');
    assert.doesNotMatch(learnerMessage(undecided), /worker/);
    const open = await gradeCheck(no('o'), ctx);
    assert.equal(open.conceal, undefined);
    assert.equal(learnerMessage(open), open.message, 'other checks keep their message');
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

  it('hands each freed slot to the longest-waiting check, one slot per finished check', async () => {
    // Checks finish one at a time, in an order the test picks, so every slot is handed off while others wait: a
    // limiter that releases a slot twice, never, or to the wrong waiter starts the wrong checks here.
    const finish = new Map<string, () => void>();
    const started: string[] = [];
    let active = 0;
    let peak = 0;
    const gated: GraderContext = {
      ...ctx,
      concurrency: 2,
      checkTimeoutMs: 60_000,
      nodeExec: (_node, argv) => {
        const id = argv[1] ?? '?';
        started.push(id);
        active += 1;
        peak = Math.max(peak, active);
        return new Promise<NodeExecOutput>((resolve) => {
          finish.set(id, () => {
            active -= 1;
            resolve({ exitCode: 0, stdout: '', stderr: '' });
          });
        });
      },
    };
    const gate = (id: string) => ({ id, kind: 'nodeExec', argv: ['gate', id] });
    const grading = gradeTasks(
      [
        task('one', 1, [gate('a'), gate('b'), { id: 'all', kind: 'allOf', checks: [gate('c'), gate('d')] }]),
        task('two', 1, [gate('e')]),
      ],
      gated,
    );
    // the limiter hands off through promise callbacks: a few event-loop turns let every hand-off due happen
    const settle = async () => {
      for (let turn = 0; turn < 5; turn += 1) await nextTurn();
    };
    const release = async (id: string) => {
      const done = finish.get(id);
      assert.ok(done, `check ${id} is running`);
      done();
      await settle();
    };

    await settle();
    assert.deepEqual(started, ['a', 'b'], 'two slots: the first two checks start, the rest wait');
    await release('b');
    assert.deepEqual(started, ['a', 'b', 'c'], "b's slot goes to c, the longest waiting, and to nobody else");
    await release('a');
    assert.deepEqual(started, ['a', 'b', 'c', 'd']);
    await release('d');
    assert.deepEqual(started, ['a', 'b', 'c', 'd', 'e']);
    await release('c');
    await release('e');
    const grade = await grading;
    assert.equal(grade.status, 'pass');
    assert.equal(peak, 2, 'never more than two at once');
  });

  it('a check that exceeds the per-check timeout is an error and does not hold up the others', async (t) => {
    // a fake clock: the timeout must fire at exactly checkTimeoutMs, however busy the machine is
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const finished: string[] = [];
    const hanging: GraderContext = {
      ...ctx,
      checkTimeoutMs: 200,
      nodeExec: (_node, argv, options) => {
        if (argv[0] !== 'hang') {
          finished.push(argv[0] ?? '?');
          return Promise.resolve({ exitCode: 0, stdout: '', stderr: '' });
        }
        return new Promise((_resolve, reject) =>
          options?.signal?.addEventListener('abort', () => reject(options.signal?.reason)),
        );
      },
    };
    let settled = false;
    const grading = gradeTasks(
      [task('t', 1, [{ id: 'slow', kind: 'nodeExec', argv: ['hang'] }, ok('fast')])],
      hanging,
    ).finally(() => {
      settled = true;
    });
    await nextTurn();
    assert.deepEqual(finished, ['true'], 'the fast check ran while the slow one hangs');
    t.mock.timers.tick(199);
    await nextTurn();
    assert.equal(settled, false, 'the slow check still has 1 ms');
    t.mock.timers.tick(1);
    await nextTurn();
    assert.equal(settled, true, 'the grade is done the moment the 200 ms timeout is up');
    const grade = await grading;
    const [slow, fast] = grade.tasks[0]?.checks ?? [];
    assert.equal(fast?.status, 'pass');
    assert.equal(slow?.status, 'error');
    assert.equal(
      slow?.message,
      'the check did not finish within 0.2s; the cluster may be overloaded — try again',
    );
  });
});
