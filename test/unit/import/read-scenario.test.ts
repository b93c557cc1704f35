import assert from 'node:assert/strict';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ImportError } from '../../../server/import/import-error.js';
import { LIMITS } from '../../../server/import/limits.js';
import { readKillercodaScenario } from '../../../server/import/read-scenario.js';
import { FIXTURES, fixtureCopy, withTempDir } from './support.js';

/** The parts of index.json the tests change. */
interface EditableIndex {
  details: {
    intro: Record<string, string>;
    steps: Record<string, string>[];
    assets: Record<string, { file: string; target: string }[]>;
  };
  backend: { imageid: string };
}

/** Rewrites index.json of a fixture copy through `edit`. */
async function editIndex(folder: string, edit: (index: EditableIndex) => void): Promise<void> {
  const index = JSON.parse(await readFile(join(folder, 'index.json'), 'utf8')) as EditableIndex;
  edit(index);
  await writeFile(join(folder, 'index.json'), JSON.stringify(index));
}

const refuses = async (folder: string, pattern: RegExp) =>
  assert.rejects(readKillercodaScenario(folder), (error: Error) => {
    assert.ok(error instanceof ImportError, `not an ImportError: ${error.stack}`);
    assert.match(error.message, pattern);
    return true;
  });

describe('readKillercodaScenario: the current form', () => {
  it('reads intro, steps, finish, scripts and assets with their targets and modes', async () => {
    const source = await readKillercodaScenario(join(FIXTURES, 'current-form'));
    assert.equal(source.form, 'killercoda');
    assert.equal(source.nodes, 1);
    assert.equal(source.steps.length, 2);
    assert.equal(source.intro?.background?.file, 'setup.sh');
    assert.equal(source.intro?.foreground?.file, 'wait-for-setup.sh');
    assert.equal(source.steps[1]?.background?.file, 'step2/background.sh');
    assert.match(source.steps[0]?.verify?.text ?? '', /automountServiceAccountToken/);
    assert.deepEqual(
      source.assets.map((a) => [a.file, a.to, a.mode, a.node]),
      [
        ['assets/check-token.sh', '/usr/local/bin/check-token.sh', '0755', 'control-plane'],
        ['assets/ledger-role.yaml', '/root/manifests/ledger-role.yaml', '0644', 'control-plane'],
        ['assets/ledger-sa.yaml', '/root/manifests/ledger-sa.yaml', '0644', 'control-plane'],
        ['assets/secret-note.txt', '/root/secret-note.txt', '0600', 'control-plane'],
      ],
    );
    assert.deepEqual(source.ignored, ['interface: ignored (the cks-lab lab page has one layout)']);
  });

  it('puts host02 assets on the worker of a 2-node scenario', async () => {
    const source = await readKillercodaScenario(join(FIXTURES, 'two-nodes'));
    assert.equal(source.nodes, 2);
    assert.deepEqual(
      source.assets.map((a) => [a.to, a.node]),
      [
        ['/root/probe.sh', 'control-plane'],
        ['/etc/cks/kubelet-extra.conf', 'worker'],
      ],
    );
  });
});

describe('readKillercodaScenario: the older Katacoda form', () => {
  it('reads courseData as background, code as foreground, client assets, and names environment keys', async () => {
    const source = await readKillercodaScenario(join(FIXTURES, 'katacoda-form'));
    assert.equal(source.form, 'katacoda');
    assert.equal(source.nodes, 2);
    assert.equal(source.intro?.background?.file, 'background.sh');
    assert.equal(source.intro?.foreground?.file, 'foreground.sh');
    assert.equal(source.difficulty, 'Beginner');
    assert.deepEqual(
      source.assets.map((a) => a.to),
      ['/root/pod.yaml'],
    );
    assert.ok(source.ignored.some((note) => /environment\.uilayout "terminal": ignored/.test(note)));
    assert.ok(source.ignored.some((note) => /details\.intro\.credits/.test(note)));
  });

  it('refuses a page that names both background and courseData', async () => {
    await withTempDir(async (dir) => {
      const folder = await fixtureCopy('katacoda-form', dir);
      await editIndex(folder, (index) => (index.details.intro.background = 'background.sh'));
      await refuses(folder, /both "background" and "courseData"/);
    });
  });
});

describe('readKillercodaScenario refuses what could escape the folder or is unbounded', () => {
  const cases: [string, (index: EditableIndex) => void, RegExp][] = [
    ['a "../" text path', (i) => (i.details.steps[0]!.text = '../outside.md'), /no "\.\."/],
    ['an absolute verify path', (i) => (i.details.steps[0]!.verify = '/etc/passwd'), /relative path inside/],
    [
      'an asset outside assets/',
      (i) => (i.details.assets.host01![0]!.file = '../../index.json'),
      /no "\.\."/,
    ],
    [
      'a "**" asset pattern',
      (i) => (i.details.assets.host01![0]!.file = '**/*'),
      /only "\*" in the file name/,
    ],
    [
      'a pattern matching nothing',
      (i) => (i.details.assets.host01![0]!.file = '*.nothing'),
      /matches no file/,
    ],
    [
      'host02 on one node',
      (i) => (i.details.assets.host02 = [{ file: 'secret-note.txt', target: '/root' }]),
      /host02 needs a 2-node backend/,
    ],
    [
      'an unknown imageid',
      (i) => (i.backend.imageid = 'ubuntu'),
      /backend\.imageid "ubuntu" is not supported/,
    ],
    ['no steps', (i) => (i.details.steps = []), /lists no steps/],
    [
      'a wrong shape',
      (i) => ((i.details as Record<string, unknown>).steps = 'step1.md'),
      /does not have the Killercoda shape/,
    ],
    [
      'a path with a newline',
      (i) => (i.details.steps[0]!.text = 'step1/text.md\necho injected'),
      /no control characters/,
    ],
    ['a relative asset target', (i) => (i.details.assets.host01![0]!.target = 'bin'), /absolute folder/],
  ];
  for (const [name, edit, pattern] of cases) {
    it(name, () =>
      withTempDir(async (dir) => {
        const folder = await fixtureCopy('current-form', dir);
        await editIndex(folder, edit);
        await refuses(folder, pattern);
      }),
    );
  }

  it('a symlinked file', () =>
    withTempDir(async (dir) => {
      const folder = await fixtureCopy('current-form', dir);
      await writeFile(join(dir, 'elsewhere.md'), 'outside');
      await symlink(join(dir, 'elsewhere.md'), join(folder, 'linked.md'));
      await editIndex(folder, (i) => (i.details.steps[0]!.text = 'linked.md'));
      await refuses(folder, /linked\.md is a symlink/);
    }));

  it('a file under a symlinked folder', () =>
    withTempDir(async (dir) => {
      const folder = await fixtureCopy('current-form', dir);
      await mkdir(join(dir, 'outside'));
      await writeFile(join(dir, 'outside', 'a.md'), 'outside');
      await symlink(join(dir, 'outside'), join(folder, 'linked-dir'));
      await editIndex(folder, (i) => (i.details.steps[0]!.text = 'linked-dir/a.md'));
      await refuses(folder, /linked-dir is a symlink/);
    }));

  it('a symlink matched by an asset pattern', () =>
    withTempDir(async (dir) => {
      const folder = await fixtureCopy('current-form', dir);
      await symlink('/etc/hostname', join(folder, 'assets', 'zz.yaml'));
      await refuses(folder, /zz\.yaml is a symlink/);
    }));

  it('a text larger than the bound', () =>
    withTempDir(async (dir) => {
      const folder = await fixtureCopy('current-form', dir);
      await writeFile(join(folder, 'step1', 'text.md'), 'x'.repeat(LIMITS.textBytes + 1));
      await refuses(folder, /the importer reads at most 256 KiB/);
    }));

  it('index.json that is not JSON, or missing', () =>
    withTempDir(async (dir) => {
      const folder = await fixtureCopy('current-form', dir);
      await writeFile(join(folder, 'index.json'), '{ nope');
      await refuses(folder, /not valid JSON/);
      await refuses(join(folder, 'step1'), /has no index\.json/);
    }));
});
