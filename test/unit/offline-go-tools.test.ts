import assert from 'node:assert/strict';
import { access, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { run } from '../../server/exec/run.js';
import type { ProgressEvent } from '../../server/progress.js';
import { buildGoTools } from '../../infra/node-image/offline/go-tools.js';
import type { GoTool } from '../../infra/node-image/offline/go-tools/catalog.js';

// Stand-in tool scripts with the real contract (WORKDIR OUTDIR, versions.env beside the scripts folder); each
// appends to WORKDIR/runs so the tests can see whether a call really ran the script.
const SCRIPTS: Record<string, string> = {
  'lib.sh': 'source "$(dirname "$0")/../versions.env"\necho run >> "$1/runs"\nmkdir -p "$2"\n',
  'hello.sh':
    'source "$(dirname "$0")/lib.sh"\necho "building hello $DEMO_VERSION"\nprintf "#!/bin/sh\\necho hello $DEMO_VERSION\\n" > "$2/hello"\nchmod +x "$2/hello"\n',
  'pair.sh': 'source "$(dirname "$0")/lib.sh"\ntouch "$2/one" "$2/two"\n',
  'broken.sh':
    'source "$(dirname "$0")/lib.sh"\necho "module example.com/broken@v9 is not served" >&2\nexit 3\n',
  'forgetful.sh': 'source "$(dirname "$0")/lib.sh"\n',
  'extra.sh': 'source "$(dirname "$0")/lib.sh"\ntouch "$2/extra"\n',
};
const TOOLS: GoTool[] = [
  { name: 'hello', result: 'hello', inputs: ['lib.sh'], timeoutMinutes: 1 },
  { name: 'pair', inputs: ['lib.sh'], timeoutMinutes: 1 },
  { name: 'broken', result: 'broken', inputs: ['lib.sh'], timeoutMinutes: 1 },
  { name: 'forgetful', result: 'forgetful', inputs: ['lib.sh'], timeoutMinutes: 1 },
  { name: 'extra', inputs: ['lib.sh'], timeoutMinutes: 1, optional: true },
];

let root: string;
let scriptsDir: string;
let cacheRoot: string;

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'cks-go-tools-'));
  scriptsDir = join(root, 'offline', 'go-tools');
  cacheRoot = join(root, 'cache');
  await mkdir(scriptsDir, { recursive: true });
  await writeFile(join(root, 'offline', 'versions.env'), 'DEMO_VERSION=v1\n');
  for (const [name, text] of Object.entries(SCRIPTS)) await writeFile(join(scriptsDir, name), text);
});
after(() => rm(root, { recursive: true, force: true }));

function build(only: string[], events: ProgressEvent[] = []) {
  return buildGoTools({ only, tools: TOOLS, scriptsDir, cacheRoot, progress: (e) => events.push(e) });
}

async function runsOf(tool: string): Promise<number> {
  const work = await readdir(join(cacheRoot, 'go'));
  let runs = 0;
  for (const dir of work.filter((d) => d.startsWith(`${tool}-`))) {
    runs += (await readFile(join(cacheRoot, 'go', dir, 'runs'), 'utf8')).trim().split('\n').length;
  }
  return runs;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

test('builds a tool once, reports progress, and reuses the cached result on the next call', async () => {
  const events: ProgressEvent[] = [];
  const first = await build(['hello', 'pair'], events);
  assert.match(first.hello!, new RegExp(`^${cacheRoot}/bin/hello-[0-9a-f]{12}/hello$`));
  assert.match(first.pair!, new RegExp(`^${cacheRoot}/bin/pair-[0-9a-f]{12}$`));
  assert.equal((await run([first.hello!])).stdout, 'hello v1\n');
  assert.deepEqual((await readdir(first.pair!)).sort(), ['one', 'two']);
  assert.deepEqual(
    events.map((e) => e.kind),
    ['start', 'info', 'end', 'start', 'end'],
  );
  assert.deepEqual(events[1], { kind: 'info', step: 'build Go tools: hello', message: 'building hello v1' });

  const started = Date.now();
  const second = await build(['hello', 'pair']);
  assert.deepEqual(second, first);
  assert.ok(Date.now() - started < 1000, 'a cache hit runs no script');
  assert.equal(await runsOf('hello'), 1);
  assert.equal(await runsOf('pair'), 1);
});

test('a change to a version the tool names or to a declared input rebuilds into a new cache entry', async () => {
  const before = await build(['hello']);
  await writeFile(join(root, 'offline', 'versions.env'), 'DEMO_VERSION=v1\nOTHER_VERSION=v7\n');
  const afterOther = await build(['hello']);
  assert.equal(afterOther.hello, before.hello, 'a version hello.sh does not name keeps its cache entry');

  await writeFile(join(root, 'offline', 'versions.env'), 'DEMO_VERSION=v2\nOTHER_VERSION=v7\n');
  const afterVersions = await build(['hello']);
  assert.notEqual(afterVersions.hello, before.hello);
  assert.equal((await run([afterVersions.hello!])).stdout, 'hello v2\n');

  await writeFile(join(scriptsDir, 'lib.sh'), `${SCRIPTS['lib.sh']}# changed\n`);
  const afterLib = await build(['hello']);
  assert.notEqual(afterLib.hello, afterVersions.hello);
  assert.ok(await exists(before.hello!), 'older entries stay usable');
});

// tools run in catalog order, whatever the order of `only`
test('failures name the tool and carry its output, leave nothing half-built, and do not stop the others', async () => {
  const events: ProgressEvent[] = [];
  await assert.rejects(build(['broken', 'pair', 'forgetful'], events), (error: Error) => {
    assert.match(error.message, /could not build 2 of 3 Go tools/);
    assert.match(error.message, /broken: command exited with code 3: bash .*broken\.sh/);
    assert.match(error.message, /module example\.com\/broken@v9 is not served/);
    assert.match(error.message, /forgetful: .*forgetful\.sh succeeded but left no forgetful/);
    return true;
  });
  assert.deepEqual(
    events.map((e) => `${e.kind} ${e.step}`),
    [
      'start build Go tools: pair',
      'end build Go tools: pair',
      'start build Go tools: broken',
      'fail build Go tools: broken',
      'start build Go tools: forgetful',
      'fail build Go tools: forgetful',
    ],
  );
  const entries = await readdir(join(cacheRoot, 'bin'));
  assert.deepEqual(
    entries.filter((e) => e.startsWith('broken') || e.startsWith('forgetful')),
    [],
  );
});

test('optional tools are built only on request; unknown names are rejected before anything runs', async () => {
  const all = await buildGoTools({
    tools: TOOLS.filter((t) => t.name !== 'broken' && t.name !== 'forgetful'),
    scriptsDir,
    cacheRoot,
    progress: () => undefined,
  });
  assert.deepEqual(Object.keys(all).sort(), ['hello', 'pair']);
  const extra = await build(['extra']);
  assert.ok(await exists(join(extra.extra!, 'extra')));

  const emptyCache = join(root, 'untouched');
  await assert.rejects(
    buildGoTools({
      only: ['hello', 'nope'],
      tools: TOOLS,
      scriptsDir,
      cacheRoot: emptyCache,
      progress: () => undefined,
    }),
    /unknown tool\(s\) "nope" in "only"; known tools: hello, pair, broken, forgetful, extra/,
  );
  assert.equal(await exists(emptyCache), false);
});
