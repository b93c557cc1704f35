import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { run } from '../../../server/exec/run.js';

const repo = fileURLToPath(new URL('../../..', import.meta.url));
const cli = (...args: string[]) =>
  run([process.execPath, 'bin/cks-lab.js', ...args], { cwd: repo, allowFailure: true, timeoutMs: 60_000 });

describe('cks-lab exam list / plan', () => {
  it('lists every set with its tasks, minutes and domain shares, then the curriculum weights', async () => {
    const result = await cli('exam', 'list');
    assert.equal(result.exitCode, 0, result.stderr);
    const lines = result.stdout.split('\n');
    assert.match(lines[0] ?? '', /^ID\s+TASKS\s+MINUTES\s+CS\s+CH\s+SH\s+MMV\s+SCS\s+MON\s+TITLE$/);
    for (const id of ['A', 'B', 'C']) {
      assert.ok(
        lines.some((line) => new RegExp(`^${id}\\s+20\\s+\\d+(\\s+\\d+%){6}\\s+Mock exam ${id}:`).test(line)),
        result.stdout,
      );
    }
    assert.match(result.stdout, /15%\s+15%\s+10%\s+20%\s+20%\s+20%\s+\(CKS curriculum weights\)/);
  });

  it('prints a plan as JSON: every scenario on exactly one of 2–3 clusters', async () => {
    const result = await cli('exam', 'plan', 'C', '--json');
    assert.equal(result.exitCode, 0, result.stderr);
    const output = JSON.parse(result.stdout) as {
      exam: { id: string; tasks: number };
      scenarios: { id: string }[];
      clusters: { index: number; nodes: number; scenarios: string[] }[];
    };
    assert.equal(output.exam.id, 'C');
    assert.ok(output.clusters.length >= 2 && output.clusters.length <= 3);
    assert.deepEqual(
      output.clusters.flatMap((c) => c.scenarios).sort(),
      output.scenarios.map((s) => s.id).sort(),
    );
  });

  it('refuses an unknown exam id, saying which ids exist', async () => {
    const result = await cli('exam', 'plan', 'Z');
    assert.equal(result.exitCode, 1);
    assert.equal(
      result.stderr,
      'error: no exam "Z": use A, B, C, or random:<seed> (a whole number, e.g. random:42)\n',
    );
  });
});
