import assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { RunOptions, RunResult } from '../../../server/exec/run.js';
import type { ProgressEvent } from '../../../server/progress.js';
import {
  CONTENT_HASH_LABEL,
  contentHash,
  ensureScenarioImages,
  ScenarioImageError,
  type CommandRunner,
  type ScenarioImage,
} from '../../../server/scenarios/images.js';

interface Call {
  argv: string[];
  options: RunOptions;
  /** Files in the docker build context at the time of the call. */
  contextFiles?: string[];
}

/** A stand-in for Docker and Go: images live in a map from ref to content-hash label. */
function fakeHost(images: Map<string, string>): { run: CommandRunner; calls: Call[] } {
  const calls: Call[] = [];
  const result = (stdout: string, exitCode = 0, stderr = ''): RunResult => ({
    command: '',
    exitCode,
    stdout,
    stderr,
    durationMs: 1,
  });
  const run: CommandRunner = async (argv, options = {}) => {
    const call: Call = { argv: [...argv], options };
    calls.push(call);
    const [tool, sub] = argv;
    if (tool === 'go' && sub === 'version') return result('go version go1.99 linux/amd64\n');
    if (tool === 'go' && sub === 'build') {
      const out = argv[argv.indexOf('-o') + 1];
      assert.ok(out, 'go build names its output');
      await writeFile(out, 'binary');
      return result('');
    }
    if (tool === 'docker' && sub === 'image') {
      const ref = argv[argv.length - 1] ?? '';
      const label = images.get(ref);
      return label === undefined
        ? result('', 1, `Error: No such image: ${ref}`)
        : result(`${label || '<no value>'}\n`);
    }
    if (tool === 'docker' && sub === 'build') {
      const context = argv[argv.length - 1] ?? '';
      call.contextFiles = (await readdir(context)).sort();
      const label = argv[argv.indexOf('--label') + 1] ?? '';
      images.set(argv[argv.indexOf('-t') + 1] ?? '', label.slice(`${CONTENT_HASH_LABEL}=`.length));
      return result('sha256:abc\n');
    }
    throw new Error(`unexpected command ${argv.join(' ')}`);
  };
  return { run, calls };
}

let scenarioDir = '';

before(async () => {
  scenarioDir = await mkdtemp(join(tmpdir(), 'images-test-'));
  await mkdir(join(scenarioDir, 'app'));
  await writeFile(join(scenarioDir, 'app', 'Dockerfile'), 'FROM scratch\nCOPY app /app\n');
  await writeFile(join(scenarioDir, 'app', 'go.mod'), 'module example.com/app\n\ngo 1.22\n');
  await writeFile(join(scenarioDir, 'app', 'main.go'), 'package main\n\nfunc main() {}\n');
  await mkdir(join(scenarioDir, 'static'));
  await writeFile(join(scenarioDir, 'static', 'Dockerfile'), 'FROM busybox:1.37\n');
  await mkdir(join(scenarioDir, 'no-dockerfile'));
  await mkdir(join(scenarioDir, 'debian'));
  await writeFile(join(scenarioDir, 'debian', 'Dockerfile'), 'ARG DEBIAN_BASE\nFROM ${DEBIAN_BASE}\n');
  await writeFile(join(scenarioDir, 'debian', 'packages.txt'), 'buildah\n');
});

after(() => rm(scenarioDir, { recursive: true, force: true }));

function scenario(images: ScenarioImage[]) {
  return { id: 'demo', dir: scenarioDir, spec: { images } };
}

test('a plain ref that exists locally is used as is; nothing is built', async () => {
  const host = fakeHost(new Map([['busybox:1.37', '']]));
  const refs = await ensureScenarioImages(scenario(['busybox:1.37']), undefined, host.run);
  assert.deepEqual(refs, ['busybox:1.37']);
  assert.ok(host.calls.every((c) => c.argv[1] !== 'build'));
});

test('a plain ref missing locally fails with the scenario file, the field and what to do', async () => {
  const host = fakeHost(new Map());
  await assert.rejects(
    ensureScenarioImages(scenario(['busybox:1.37']), undefined, host.run),
    (error: Error) => {
      assert.ok(error instanceof ScenarioImageError);
      assert.match(
        error.message,
        /^scenarios\/demo\/scenario\.yaml: images\[0\]: image "busybox:1\.37" is not in the local/,
      );
      assert.match(error.message, /nothing can be pulled/);
      return true;
    },
  );
});

test('a Go build folder is compiled in a copy, then built with its content hash as a label', async () => {
  const images = new Map<string, string>();
  const host = fakeHost(images);
  const events: ProgressEvent[] = [];
  const refs = await ensureScenarioImages(
    scenario(['busybox:1.37', { ref: 'cks-lab/app:1', build: 'app' }]),
    (event) => events.push(event),
    withBusybox(host.run),
  );
  assert.deepEqual(refs, ['busybox:1.37', 'cks-lab/app:1']);

  const goBuild = host.calls.find((c) => c.argv[0] === 'go' && c.argv[1] === 'build');
  assert.ok(goBuild, 'go build ran');
  assert.notEqual(goBuild.options.cwd, join(scenarioDir, 'app'), 'compiles in a copy, not in the repo');
  assert.equal(goBuild.options.env?.CGO_ENABLED, '0');
  assert.equal(goBuild.options.env?.GOSUMDB, 'off');
  assert.equal(goBuild.options.env?.GOFLAGS, '-mod=mod');

  const dockerBuild = host.calls.find((c) => c.argv[0] === 'docker' && c.argv[1] === 'build');
  assert.ok(dockerBuild, 'docker build ran');
  assert.deepEqual(dockerBuild.contextFiles, ['Dockerfile', 'app', 'go.mod', 'main.go']);
  assert.equal(dockerBuild.options.env?.DOCKER_BUILDKIT, '0', 'the legacy builder never pulls FROM images');
  const expected = await contentHash(join(scenarioDir, 'app'), 'go version go1.99 linux/amd64');
  assert.equal(images.get('cks-lab/app:1'), expected);
  assert.deepEqual(
    await readdir(join(scenarioDir, 'app')),
    ['Dockerfile', 'go.mod', 'main.go'],
    'no binary left in the repo',
  );
  assert.deepEqual(
    events.filter((e) => e.kind === 'start').map((e) => e.step),
    ['image busybox:1.37', 'image cks-lab/app:1'],
  );
});

test('phases asking for the same image at once share one build (scenario test runs phases side by side)', async () => {
  const images = new Map<string, string>();
  const host = fakeHost(images);
  const entry = scenario([{ ref: 'cks-lab/app:2', build: 'app' }]);
  const refs = await Promise.all([1, 2, 3].map(() => ensureScenarioImages(entry, undefined, host.run)));
  assert.deepEqual(refs, [['cks-lab/app:2'], ['cks-lab/app:2'], ['cks-lab/app:2']]);
  const count = (tool: string, sub: string) =>
    host.calls.filter((c) => c.argv[0] === tool && c.argv[1] === sub).length;
  assert.equal(count('go', 'build'), 1);
  assert.equal(count('docker', 'build'), 1);
  // once built, a later phase finds it up to date and builds nothing
  await ensureScenarioImages(entry, undefined, host.run);
  assert.equal(count('docker', 'build'), 1);
});

test('an image whose label matches the folder content is not rebuilt; a changed file rebuilds it', async () => {
  const hash = await contentHash(join(scenarioDir, 'app'), 'go version go1.99 linux/amd64');
  const images = new Map([['cks-lab/app:1', hash]]);
  const host = fakeHost(images);
  await ensureScenarioImages(scenario([{ ref: 'cks-lab/app:1', build: 'app' }]), undefined, host.run);
  assert.equal(
    host.calls.filter((c) => c.argv[1] === 'build').length,
    0,
    'up to date: no go build, no docker build',
  );

  await writeFile(join(scenarioDir, 'app', 'main.go'), 'package main\n\nfunc main() { println("v2") }\n');
  try {
    const again = fakeHost(images);
    await ensureScenarioImages(scenario([{ ref: 'cks-lab/app:1', build: 'app' }]), undefined, again.run);
    assert.deepEqual(
      again.calls.filter((c) => c.argv[1] === 'build').map((c) => c.argv[0]),
      ['go', 'docker'],
    );
    assert.notEqual(images.get('cks-lab/app:1'), hash);
  } finally {
    await writeFile(join(scenarioDir, 'app', 'main.go'), 'package main\n\nfunc main() {}\n');
  }
});

test("goPackage compiles a required module's command, and changing it rebuilds", async () => {
  const images = new Map<string, string>();
  const host = fakeHost(images);
  const entry = { ref: 'cks-lab/tool:1', build: 'app', goPackage: 'example.com/tool/cmd/tool' };
  await ensureScenarioImages(scenario([entry]), undefined, host.run);
  const goBuild = host.calls.find((c) => c.argv[0] === 'go' && c.argv[1] === 'build');
  assert.equal(goBuild?.argv.at(-1), 'example.com/tool/cmd/tool', 'the named package, not the folder');
  const folderOnly = await contentHash(join(scenarioDir, 'app'), 'go version go1.99 linux/amd64');
  assert.notEqual(images.get('cks-lab/tool:1'), folderOnly, 'the package is part of the content hash');

  const again = fakeHost(images);
  await ensureScenarioImages(
    scenario([{ ...entry, goPackage: 'example.com/tool/cmd/other' }]),
    undefined,
    again.run,
  );
  assert.equal(again.calls.filter((c) => c.argv[0] === 'go' && c.argv[1] === 'build').length, 1, 'rebuilt');
});

test('goPackage without a go.mod in the folder is refused before anything runs', async () => {
  const host = fakeHost(new Map());
  await assert.rejects(
    ensureScenarioImages(
      scenario([{ ref: 'cks-lab/x:1', build: 'static', goPackage: 'example.com/tool' }]),
      undefined,
      host.run,
    ),
    /images\[0\]\.goPackage: "static" has no go.mod that requires example.com\/tool/,
  );
  assert.equal(host.calls.filter((c) => c.argv[1] === 'build').length, 0);
});

test('debianPackages builds the base from the list first and passes it as DEBIAN_BASE', async () => {
  const images = new Map<string, string>();
  const host = fakeHost(images);
  const lists: string[] = [];
  const base = async (file: string) => {
    lists.push(file);
    return 'cks-lab/debian-rootfs:bookworm-abc';
  };
  const entry = { ref: 'cks-lab/builder:1', build: 'debian', debianPackages: 'packages.txt' };
  await ensureScenarioImages(scenario([entry]), undefined, host.run, base);
  assert.deepEqual(lists, [join(scenarioDir, 'debian', 'packages.txt')]);
  const dockerBuild = host.calls.find((c) => c.argv[0] === 'docker' && c.argv[1] === 'build');
  const arg = dockerBuild?.argv.indexOf('--build-arg') ?? -1;
  assert.equal(dockerBuild?.argv[arg + 1], 'DEBIAN_BASE=cks-lab/debian-rootfs:bookworm-abc');

  const newBase = fakeHost(images);
  await ensureScenarioImages(
    scenario([entry]),
    undefined,
    newBase.run,
    async () => 'cks-lab/debian-rootfs:other',
  );
  assert.equal(
    newBase.calls.filter((c) => c.argv[1] === 'build').length,
    1,
    'another base (a new list or suite) rebuilds the image',
  );
});

test('debianPackages must name a file inside the build folder', async () => {
  for (const name of ['../packages.txt', '/etc/hostname', 'missing.txt']) {
    await assert.rejects(
      ensureScenarioImages(
        scenario([{ ref: 'cks-lab/b:1', build: 'debian', debianPackages: name }]),
        undefined,
        fakeHost(new Map()).run,
        async () => assert.fail('no base is built for a bad entry'),
      ),
      /images\[0\]\.debianPackages: ".*" must be a file inside the build folder/,
    );
  }
});

test('a folder without go.mod is built with docker only', async () => {
  const host = fakeHost(new Map());
  await ensureScenarioImages(scenario([{ ref: 'cks-lab/static:1', build: 'static' }]), undefined, host.run);
  assert.deepEqual(
    host.calls.map((c) => c.argv.slice(0, 2).join(' ')),
    ['docker image', 'docker build'],
  );
});

test('bad build entries name the field and change nothing', async () => {
  const cases: [ScenarioImage, RegExp][] = [
    [
      { ref: 'cks-lab/x:1', build: '../outside' },
      /images\[0\]\.build: "\.\.\/outside" must be a folder inside the scenario folder/,
    ],
    [{ ref: 'cks-lab/x:1', build: '/etc' }, /images\[0\]\.build: "\/etc" must be a folder inside/],
    [{ ref: 'cks-lab/x:1', build: 'no-dockerfile' }, /images\[0\]\.build: "no-dockerfile" has no Dockerfile/],
    [{ ref: 'Bad Ref', build: 'static' }, /images\[0\]\.ref: invalid image reference "Bad Ref"/],
  ];
  for (const [image, message] of cases) {
    const host = fakeHost(new Map());
    await assert.rejects(ensureScenarioImages(scenario([image]), undefined, host.run), message);
    assert.equal(host.calls.filter((c) => c.argv[1] === 'build').length, 0);
  }
});

test('the content hash covers names, bytes, the executable bit and the toolchain', async () => {
  const dir = join(scenarioDir, 'static');
  const base = await contentHash(dir, '');
  assert.equal(await contentHash(dir, ''), base, 'deterministic');
  assert.notEqual(await contentHash(dir, 'go version go1.98'), base);
  await writeFile(join(dir, 'entry.sh'), 'echo hi\n');
  const withFile = await contentHash(dir, '');
  await chmod(join(dir, 'entry.sh'), 0o755);
  const executable = await contentHash(dir, '');
  await rm(join(dir, 'entry.sh'));
  assert.notEqual(withFile, base);
  assert.notEqual(executable, withFile);
  assert.equal(await contentHash(dir, ''), base);
});

/** busybox:1.37 exists on every host these scenarios run on. */
function withBusybox(run: CommandRunner): CommandRunner {
  return async (argv, options) => {
    if (argv[0] === 'docker' && argv[1] === 'image' && argv[argv.length - 1] === 'busybox:1.37') {
      return { command: '', exitCode: 0, stdout: '<no value>\n', stderr: '', durationMs: 1 };
    }
    return run(argv, options);
  };
}
