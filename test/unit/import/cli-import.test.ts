import assert from 'node:assert/strict';
import { copyFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { run } from '../../../server/exec/run.js';
import { FIXTURES, withTempDir } from './support.js';

const repo = fileURLToPath(new URL('../../..', import.meta.url));
const cli = (...args: string[]) =>
  run([process.execPath, 'bin/cks-lab.js', ...args], { cwd: repo, allowFailure: true, timeoutMs: 60_000 });

describe('cks-lab scenario import', () => {
  it('imports a fixture into a catalog where `scenario lint` passes, and refuses to overwrite it', () =>
    withTempDir(async (catalog) => {
      await copyFile(join(repo, 'scenarios', 'scenario.schema.json'), join(catalog, 'scenario.schema.json'));
      const first = await cli(
        'scenario',
        '--scenarios-dir',
        catalog,
        'import',
        join(FIXTURES, 'current-form'),
      );
      assert.equal(first.exitCode, 0, first.stderr);
      assert.match(first.stdout, /→ .*current-form \(2 task\(s\), 1 node\(s\)\)\n {2}lint: passes\n/);
      assert.match(first.stderr, /\[6\/6\] lint .* done/);
      const yaml = await readFile(join(catalog, 'current-form', 'scenario.yaml'), 'utf8');
      assert.match(yaml, /^# yaml-language-server: \$schema=\.\.\/scenario\.schema\.json\n/);
      const lint = await cli('scenario', '--scenarios-dir', catalog, 'lint', 'current-form');
      assert.equal(lint.exitCode, 0, lint.stdout);
      assert.equal(lint.stdout, '1 scenario(s) valid\n');

      const again = await cli(
        'scenario',
        '--scenarios-dir',
        catalog,
        'import',
        join(FIXTURES, 'current-form'),
      );
      assert.equal(again.exitCode, 1);
      assert.match(again.stderr, /already exists; pass --force to replace it/);
      const forced = await cli(
        'scenario',
        '--scenarios-dir',
        catalog,
        'import',
        join(FIXTURES, 'current-form'),
        '--force',
      );
      assert.equal(forced.exitCode, 0, forced.stderr);
    }));

  it('exits 1 and says why for a course item it refuses, importing the others', () =>
    withTempDir(async (dir) => {
      const result = await cli('scenario', 'import', join(FIXTURES, 'course'), '--out', dir);
      assert.equal(result.exitCode, 1);
      assert.match(result.stderr, /not imported: desktop-only: backend\.imageid "ubuntu" is not supported/);
      assert.match(result.stdout, /first-scenario[\s\S]*second-scenario/);
    }));

  it('prints one line without a stack for a folder it cannot read', async () => {
    const result = await cli('scenario', 'import', 'test/fixtures/killercoda/no-such-folder');
    assert.equal(result.exitCode, 1);
    assert.doesNotMatch(result.stderr, /\n\s+at /);
    assert.match(result.stderr, /is not a folder; give a Killercoda scenario folder or a course folder/);
  });
});
