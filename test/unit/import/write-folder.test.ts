import assert from 'node:assert/strict';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { writeScenarioFolder } from '../../../server/import/write-folder.js';
import { withTempDir } from './support.js';

const files = (text: string) =>
  new Map<string, string>([
    ['scenario.yaml', text],
    ['tasks/step-1.md', 'do it'],
  ]);

describe('writeScenarioFolder', () => {
  it('writes every file and leaves no staging folder behind', () =>
    withTempDir(async (dir) => {
      await writeScenarioFolder(join(dir, 'x'), files('a'), false);
      assert.equal(await readFile(join(dir, 'x', 'tasks', 'step-1.md'), 'utf8'), 'do it');
      assert.deepEqual(await readdir(dir), ['x']);
    }));

  it('refuses an existing folder without --force, and replaces a scenario with it', () =>
    withTempDir(async (dir) => {
      const out = join(dir, 'x');
      await writeScenarioFolder(out, files('first'), false);
      await writeFile(join(out, 'stale.txt'), 'old');
      await assert.rejects(writeScenarioFolder(out, files('second'), false), /already exists; pass --force/);
      assert.equal(await readFile(join(out, 'scenario.yaml'), 'utf8'), 'first');
      await writeScenarioFolder(out, files('second'), true);
      assert.equal(await readFile(join(out, 'scenario.yaml'), 'utf8'), 'second');
      assert.deepEqual((await readdir(out)).sort(), ['scenario.yaml', 'tasks'], 'the old folder is gone');
      assert.deepEqual(await readdir(dir), ['x']);
    }));

  it('never replaces a folder that holds no scenario, even with --force', () =>
    withTempDir(async (dir) => {
      const out = join(dir, 'home');
      await mkdir(out);
      await writeFile(join(out, 'precious.txt'), 'keep me');
      await assert.rejects(writeScenarioFolder(out, files('a'), true), /is not a scenario folder/);
      assert.equal(await readFile(join(out, 'precious.txt'), 'utf8'), 'keep me');
    }));

  it('refuses a file path that would land outside the folder', () =>
    withTempDir(async (dir) => {
      await assert.rejects(
        writeScenarioFolder(join(dir, 'x'), new Map([['../evil', 'x']]), false),
        /outside/,
      );
      assert.deepEqual(await readdir(dir), []);
    }));
});
