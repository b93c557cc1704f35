import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  checkMismatches,
  checkSummaryLine,
  formatCheckSection,
  type ImportCheck,
} from '../../../server/import/check-report.js';

const passed: ImportCheck = {
  ok: true,
  nodes: 1,
  cluster: { ok: true, durationMs: 40_000 },
  setup: { ok: true, durationMs: 12_300 },
  before: {
    expected: 'fail',
    durationMs: 1_100,
    steps: [
      { step: 'step 1 "Turn off token automount"', status: 'fail', message: 'verify: exited with 1' },
      { step: 'step 2 "Read-only"', status: 'fail', message: 'verify: exited with 1' },
    ],
  },
  solution: { ok: true, durationMs: 3_000 },
  after: {
    expected: 'pass',
    durationMs: 900,
    steps: [
      { step: 'step 1 "Turn off token automount"', status: 'pass', message: 'verify: passed' },
      { step: 'step 2 "Read-only"', status: 'pass', message: 'verify: passed' },
    ],
  },
  problems: [],
  importMs: 250,
  checkMs: 98_000,
};

describe('the "Check on a real cluster" section of IMPORT.md', () => {
  it('says passed, lists every step before and after the solution, and the timings', () => {
    assert.deepEqual(checkMismatches(passed), []);
    assert.equal(
      checkSummaryLine(passed),
      'passed: setup ok, verify fails in 2 of 2 step(s) before the solution, verify passes in 2 of 2 step(s) after the solution',
    );
    const md = formatCheckSection(passed, 'current-form').join('\n');
    assert.match(md, /^## Check on a real cluster\n/);
    assert.match(md, /\*\*Result: passed\*\*/);
    assert.match(md, /- Setup: ok in 12\.3 s\n/);
    assert.match(
      md,
      /- Verify before the solution \(expected: fail\): as expected \(graded in 1\.1 s\)\n {2}- step 1 "Turn off token automount": fail, as expected: `verify: exited with 1`/,
    );
    assert.match(md, /- Verify after the solution \(expected: pass\): as expected/);
    assert.match(
      md,
      /- Timings: import 250 ms, cluster create 40\.0 s, setup 12\.3 s, grade before the solution 1\.1 s, solution 3\.0 s, grade after it 900 ms, whole check 98\.0 s/,
    );
  });

  it('names a verify that passes before the solution as a mismatch', () => {
    const check: ImportCheck = {
      ...passed,
      ok: false,
      before: {
        ...passed.before!,
        steps: [passed.before!.steps[0]!, { ...passed.before!.steps[1]!, status: 'pass' }],
      },
    };
    assert.deepEqual(checkMismatches(check), ['verify does not fail before the solution in step 2']);
    const md = formatCheckSection(check, 'x').join('\n');
    assert.match(md, /\*\*Result: FAILED\*\*: verify does not fail before the solution in step 2\./);
    assert.match(md, /- step 2 "Read-only": \*\*pass, expected fail\*\*/);
  });

  it('says what was not run after a failed setup, with the error', () => {
    const check: ImportCheck = {
      ...passed,
      ok: false,
      setup: { ok: false, durationMs: 5_000, error: 'step "intro background" exited with 1:\nno such file' },
      before: undefined,
      solution: undefined,
      after: undefined,
    };
    assert.match(
      checkSummaryLine(check),
      /^FAILED \(setup failed\): setup failed, verify before the solution not run/,
    );
    const md = formatCheckSection(check, 'x').join('\n');
    assert.match(
      md,
      /- Setup: \*\*failed\*\* after 5\.0 s: `step "intro background" exited with 1: no such file`/,
    );
    assert.match(md, /- Verify before the solution \(expected: fail\): not run \(setup failed\)/);
    assert.match(md, /- Solution: not run \(setup failed\)/);
  });

  it('says why nothing ran when the import does not lint', () => {
    const check: ImportCheck = {
      ok: false,
      nodes: 1,
      notRun: 'it does not lint',
      problems: [],
      importMs: 1,
      checkMs: 0,
    };
    assert.equal(checkSummaryLine(check), 'not run: it does not lint');
    assert.deepEqual(formatCheckSection(check, 'x'), [
      '## Check on a real cluster',
      '',
      'Not run: it does not lint.',
    ]);
  });
});
