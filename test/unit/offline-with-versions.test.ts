import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { run } from '../../server/exec/run.js';
import { buildGoTools } from '../../infra/node-image/offline/go-tools.js';
import type { GoTool } from '../../infra/node-image/offline/go-tools/catalog.js';
import { OFFLINE_DIR } from '../../infra/node-image/offline/versions.js';

// The real with-versions.sh beside stand-in tool scripts: hello.sh builds at DEMO_VERSION, hello-upgrade.sh
// builds the same recipe at NEXT_VERSION, as kubernetes-upgrade.sh does with kubernetes.sh.
const SCRIPTS: Record<string, string> = {
  'lib.sh': 'source "$(dirname "$0")/../versions.env"\nmkdir -p "$2"\n',
  'hello.sh': 'source "$(dirname "$0")/lib.sh"\necho "hello $DEMO_VERSION" > "$2/hello"\n',
  'hello-upgrade.sh': [
    'set -euo pipefail',
    'here="$(cd "$(dirname "$0")" && pwd)"',
    'source "$here/../versions.env"',
    'source "$here/with-versions.sh"',
    'run_with_versions hello.sh "$1" "$2" DEMO_VERSION="$NEXT_VERSION"',
    '',
  ].join('\n'),
  'unknown-upgrade.sh': [
    'set -euo pipefail',
    'here="$(cd "$(dirname "$0")" && pwd)"',
    'source "$here/with-versions.sh"',
    'run_with_versions hello.sh "$1" "$2" NO_SUCH_VERSION=v9',
    '',
  ].join('\n'),
};
const TOOLS: GoTool[] = [
  { name: 'hello', result: 'hello', inputs: ['lib.sh'], timeoutMinutes: 1 },
  {
    name: 'hello-upgrade',
    result: 'hello',
    inputs: ['lib.sh', 'hello.sh', 'with-versions.sh'],
    timeoutMinutes: 1,
  },
  { name: 'unknown-upgrade', inputs: ['lib.sh', 'hello.sh', 'with-versions.sh'], timeoutMinutes: 1 },
];
const VERSIONS = 'DEMO_VERSION=v1\nNEXT_VERSION=v2\n';

let root: string;
let scriptsDir: string;

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'cks-with-versions-'));
  scriptsDir = join(root, 'offline', 'go-tools');
  await mkdir(scriptsDir, { recursive: true });
  await writeFile(join(root, 'offline', 'versions.env'), VERSIONS);
  for (const [name, text] of Object.entries(SCRIPTS)) await writeFile(join(scriptsDir, name), text);
  await copyFile(join(OFFLINE_DIR, 'go-tools', 'with-versions.sh'), join(scriptsDir, 'with-versions.sh'));
});
after(() => rm(root, { recursive: true, force: true }));

function build(only: string[]) {
  return buildGoTools({ only, tools: TOOLS, scriptsDir, cacheRoot: join(root, 'cache'), progress: () => {} });
}

test('run_with_versions builds a recipe at the overridden version, beside the one at the pinned version', async () => {
  const built = await build(['hello', 'hello-upgrade']);
  assert.equal(await readFile(built['hello']!, 'utf8'), 'hello v1\n');
  assert.equal(await readFile(built['hello-upgrade']!, 'utf8'), 'hello v2\n');
  assert.notEqual(built['hello'], built['hello-upgrade']);
  assert.equal(
    await readFile(join(root, 'offline', 'versions.env'), 'utf8'),
    VERSIONS,
    'versions.env untouched',
  );
});

test('run_with_versions refuses a key versions.env does not pin', async () => {
  await assert.rejects(build(['unknown-upgrade']), /versions\.env has no NO_SUCH_VERSION to override/);
});

test('the upgrade tools of the real catalog have their scripts and pin their versions', async () => {
  const versions = await readFile(join(OFFLINE_DIR, 'versions.env'), 'utf8');
  for (const tool of ['kubernetes-upgrade', 'etcd-upgrade', 'coredns-upgrade']) {
    const script = await readFile(join(OFFLINE_DIR, 'go-tools', `${tool}.sh`), 'utf8');
    for (const key of script.match(/\bUPGRADE_[A-Z_]+\b/g) ?? []) {
      assert.match(versions, new RegExp(`^${key}=`, 'm'), `${tool}.sh names ${key}`);
    }
    const syntax = await run(['bash', '-n', join(OFFLINE_DIR, 'go-tools', `${tool}.sh`)], {
      timeoutMs: 10_000,
    });
    assert.equal(syntax.exitCode, 0);
  }
});
