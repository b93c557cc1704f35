import assert from 'node:assert/strict';
import { mkdir, rename, symlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { folderFingerprint } from '../../../server/labs/folder-fingerprint.js';
import { tempDir } from './harness.js';

// The scenario catalog is loaded again only when this fingerprint changes, so a missed change is a stale catalog
// and an unbounded walk is a slow request.
describe('folder fingerprint', () => {
  it("changes on an editor's atomic save even when size and mtime come out the same", async () => {
    const root = await tempDir('fingerprint-');
    const file = join(root, 'scenario.yaml');
    const mtime = new Date(Date.UTC(2030, 0, 1));
    await writeFile(file, 'title: one\n');
    await utimes(file, mtime, mtime);
    const before = await folderFingerprint(root);

    // write a temp file and rename it over the original, as vim and VS Code do; same size, same mtime
    await writeFile(join(root, '.scenario.yaml.tmp'), 'title: two\n');
    await rename(join(root, '.scenario.yaml.tmp'), file);
    await utimes(file, mtime, mtime);
    assert.notEqual((await folderFingerprint(root)).value, before.value);
  });

  it('does not follow a symlinked folder, so a link back to the root cannot make the walk loop', async () => {
    const root = await tempDir('fingerprint-');
    await mkdir(join(root, 'a'));
    await writeFile(join(root, 'a', 'scenario.yaml'), 'id: a\n');
    await symlink(root, join(root, 'a', 'loop'));
    const print = await folderFingerprint(root, 100);
    assert.equal(print.truncated, false, 'three entries, far below the limit');
  });

  it('looks at no more than maxEntries entries and says so', async () => {
    const root = await tempDir('fingerprint-');
    for (const name of ['a', 'b', 'c']) await writeFile(join(root, name), name);
    assert.equal((await folderFingerprint(root, 3)).truncated, false);
    assert.equal((await folderFingerprint(root, 2)).truncated, true);
  });

  it('rejects when the root cannot be listed, so the caller keeps what it has', async () => {
    const root = await tempDir('fingerprint-');
    await assert.rejects(folderFingerprint(join(root, 'missing')), { code: 'ENOENT' });
  });
});
