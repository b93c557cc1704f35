import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { bashFromPipe } from '../../../grader/index.js';

const run = (options: string[], script: string) => {
  const [command, ...args] = bashFromPipe(options);
  return spawnSync(command!, args, { input: script, encoding: 'utf8', timeout: 10_000 });
};

test('a step script read from the pipe: a command reading stdin gets nothing and the rest still runs', () => {
  const result = run(
    ['-euo', 'pipefail'],
    'cat\nread -r line || echo "stdin is empty"\necho "the rest ran"\n',
  );
  assert.equal(result.stdout, 'stdin is empty\nthe rest ran\n');
  assert.equal(result.status, 0);
});

test('strict-mode options reach the script: a failing command ends it with its status', () => {
  const result = run(['-euo', 'pipefail'], 'echo before\nfalse | true\necho never\n');
  assert.equal(result.stdout, 'before\n');
  assert.equal(result.status, 1);
  assert.equal(run([], 'false | true\necho plain bash goes on\n').stdout, 'plain bash goes on\n');
});
