import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { GradeResult, TaskResult } from '../../../grader/index.js';
import { formatExamProof } from '../../../server/exams/format.js';
import { PASS_PERCENT, scoreExam } from '../../../server/exams/scoring.js';
import type { ExamScenario, ExamSet } from '../../../server/exams/types.js';

const scenario = (id: string, tasks: [string, number][]): ExamScenario => ({
  id,
  domain: 'Cluster Setup',
  minutes: 10,
  nodes: 1,
  features: [],
  tasks: tasks.map(([task, weight]) => ({ id: task, title: `${id} ${task}`, weight })),
  globalState: [],
  namespaces: [],
  serviceIps: [],
});

const task = (id: string, weight: number, passedChecks: number, checks: number): TaskResult => ({
  id,
  title: id,
  status: passedChecks === checks ? 'pass' : 'fail',
  weight,
  score: (weight * passedChecks) / checks,
  hints: [],
  checks: Array.from({ length: checks }, (_, i) => ({
    id: `c${i}`,
    kind: 'nodeExec',
    status: i < passedChecks ? 'pass' : 'fail',
    message: i < passedChecks ? 'ok' : `check ${i} failed`,
    durationMs: 1,
  })) as TaskResult['checks'],
});

const grade = (tasks: TaskResult[]): GradeResult => ({
  status: tasks.every((t) => t.status === 'pass') ? 'pass' : 'fail',
  percent: 0,
  score: 0,
  maxScore: 0,
  tasks,
  durationMs: 1,
});

// scenario b has a task the set left out: it must not count either way
const set: ExamSet = {
  id: 'mini',
  title: 'mini',
  scenarios: [
    scenario('a', [
      ['one', 2],
      ['two', 3],
    ]),
    scenario('b', [['three', 5]]),
  ],
};

describe('scoring an exam', () => {
  it('credits a task whole or not at all, by its weight, and ignores tasks the set left out', () => {
    const score = scoreExam(
      set,
      new Map([
        ['a', grade([task('one', 2, 1, 1), task('two', 3, 1, 2)])],
        ['b', grade([task('three', 5, 0, 1), task('not-in-set', 100, 1, 1)])],
      ]),
    );
    assert.equal(score.maxScore, 10);
    assert.equal(score.score, 2, 'task two passed one of its two checks: no credit');
    assert.equal(score.percent, 20);
    assert.equal(score.passed, false);
    assert.deepEqual(
      score.tasks.map((t) => [t.scenario, t.task, t.score]),
      [
        ['a', 'one', 2],
        ['a', 'two', 0],
        ['b', 'three', 0],
      ],
    );
    assert.deepEqual(score.tasks[1]?.problems, ['check 1 failed']);
  });

  it('passes at the exam mark, and scores a scenario that could not be graded as unanswered', () => {
    const all = scoreExam(
      set,
      new Map([
        ['a', grade([task('one', 2, 1, 1), task('two', 3, 1, 1)])],
        ['b', grade([task('three', 5, 1, 1)])],
      ]),
    );
    assert.equal(all.percent, 100);
    assert.equal(all.passed, true);
    const partial = scoreExam(set, new Map([['b', grade([task('three', 5, 1, 1)])]]));
    assert.equal(partial.percent, 50);
    assert.ok(partial.percent < PASS_PERCENT && !partial.passed);
    assert.deepEqual(partial.tasks[0]?.problems, ['this task could not be graded']);
    assert.equal(partial.tasks[0]?.status, 'error');
  });
});

describe('the exam test report', () => {
  it('marks each task ok only when it scored nothing unsolved and its whole weight solved', () => {
    const unsolved = scoreExam(set, new Map());
    const solved = scoreExam(
      set,
      new Map([
        ['a', grade([task('one', 2, 1, 1), task('two', 3, 0, 1)])],
        ['b', grade([task('three', 5, 1, 1)])],
      ]),
    );
    const text = formatExamProof(
      set,
      { readyMs: 1000, totalMs: 2000, unsolved, solved, ok: false, kept: [], link: 'x' },
      (ms) => `${ms / 1000}s`,
    );
    assert.match(text, /^exam mini: ready in 1s, proven in 2s$/m);
    assert.match(text, /^a\/one\s+2\s+0\s+2\s+ok$/m);
    assert.match(text, /^a\/two\s+3\s+0\s+0\s+WRONG$/m);
    assert.match(text, /^unsolved 0 %, solved 70 %: FAIL$/m);
    assert.match(text, /^ {2}a\/two after the solutions: check 0 failed$/m);
  });
});
