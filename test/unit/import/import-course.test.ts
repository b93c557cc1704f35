import assert from 'node:assert/strict';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { importKillercoda } from '../../../server/import/index.js';
import { FIXTURES, fixtureCopy, withTempDir } from './support.js';

describe('importKillercoda on a course folder (structure.json)', () => {
  it('imports every listed scenario and names the ones it refuses, with why', () =>
    withTempDir(async (dir) => {
      const result = await importKillercoda(join(FIXTURES, 'course'), join(dir, 'out'), 'unused', {
        force: false,
      });
      assert.deepEqual(
        result.reports.map((r) => [r.imported.id, r.lint.length]),
        [
          ['first-scenario', 0],
          ['second-scenario', 0],
        ],
      );
      assert.deepEqual(
        result.refused.map((r) => r.path),
        ['desktop-only'],
      );
      assert.match(result.refused[0]?.message ?? '', /backend\.imageid "ubuntu" is not supported/);
      assert.deepEqual((await readdir(join(dir, 'out'))).sort(), ['first-scenario', 'second-scenario']);
    }));

  it('refuses an item path that leaves the course folder', () =>
    withTempDir(async (dir) => {
      const course = await fixtureCopy('course', dir);
      await writeFile(
        join(course, 'structure.json'),
        JSON.stringify({ items: [{ path: '../current-form' }] }),
      );
      const result = await importKillercoda(course, join(dir, 'out'), 'unused', { force: false });
      assert.equal(result.reports.length, 0);
      assert.match(result.refused[0]?.message ?? '', /no "\.\."/);
    }));

  it('imports a scenario folder to <catalog>/<id from its name> by default', () =>
    withTempDir(async (dir) => {
      const result = await importKillercoda(join(FIXTURES, 'two-nodes'), undefined, dir, { force: false });
      assert.equal(result.reports[0]?.out, join(dir, 'two-nodes'));
    }));

  it('refuses a folder that is neither a scenario nor a course', () =>
    withTempDir(async (dir) => {
      await assert.rejects(
        importKillercoda(dir, undefined, dir, { force: false }),
        /neither index\.json .* nor structure\.json/,
      );
    }));
});
