import assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { readMissingCapabilities } from '../../infra/host/capabilities.js';
import { buildRuncClamp } from '../../infra/runc-clamp/build.js';
import { run } from '../../server/exec/run.js';

// The real clamp binary in front of a stand-in "runc" that records what it was given and exits 42, so the test
// sees exactly what the real runc would: its argv, the spec files after clamping, and the exit code passed through.
let work: string;
let clamp: string;
let fakeRunc: string;
const ALL = [
  'CAP_CHOWN',
  'CAP_SYS_ADMIN',
  'CAP_SYS_RESOURCE',
  'CAP_PERFMON',
  'CAP_BPF',
  'CAP_CHECKPOINT_RESTORE',
];
const caps = () => ({ bounding: ALL, effective: ALL, inheritable: ALL, permitted: ALL, ambient: ALL });

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'cks-lab-clamp-test-'));
  clamp = await buildRuncClamp({ binDir: join(work, 'bin') });
  fakeRunc = join(work, 'runc');
  await writeFile(fakeRunc, '#!/bin/sh\necho "argv: $*"\nexit 42\n');
  await chmod(fakeRunc, 0o755);
});
after(async () => {
  await rm(work, { recursive: true, force: true });
});

const runClamp = (args: string[]) =>
  run([clamp, ...args], { env: { CKS_LAB_REAL_RUNC: fakeRunc }, allowFailure: true, timeoutMs: 10_000 });

test('create: the bundle config loses exactly the capabilities this host cannot grant; argv and exit code pass through', async () => {
  const bundle = join(work, 'bundle');
  await mkdir(bundle, { recursive: true });
  const spec = {
    ociVersion: '1.0.2',
    process: { args: ['sh'], capabilities: caps() },
    linux: { pids: { limit: 'BIG' } },
  };
  await writeFile(
    join(bundle, 'config.json'),
    // 2^53 + 1: a JS number cannot hold it, so it is spliced into the JSON text
    JSON.stringify(spec).replace('"BIG"', '9007199254740993'),
  );
  const args = [
    '--root',
    '/run/r',
    '--log-format',
    'json',
    'create',
    '--bundle',
    bundle,
    '--pid-file',
    '/p',
    'c1',
  ];

  const result = await runClamp(args);
  assert.equal(result.exitCode, 42, result.stderr);
  assert.equal(result.stdout.trim(), `argv: ${args.join(' ')}`);

  const missing = await readMissingCapabilities();
  const expected = ALL.filter((name) => !missing.includes(name));
  const text = await readFile(join(bundle, 'config.json'), 'utf8');
  const written = JSON.parse(text) as { process: { capabilities: Record<string, string[]> } };
  for (const list of ['bounding', 'effective', 'inheritable', 'permitted', 'ambient']) {
    assert.deepEqual(written.process.capabilities[list], expected, list);
  }
  assert.match(text, /9007199254740993/, 'large numbers survive the rewrite exactly');
});

test('exec --process: the process file is clamped the same way', async () => {
  const processFile = join(work, 'process.json');
  await writeFile(processFile, JSON.stringify({ args: ['true'], capabilities: caps() }));
  const result = await runClamp(['exec', '--process', processFile, '--detach', 'c1']);
  assert.equal(result.exitCode, 42);
  const missing = await readMissingCapabilities();
  const written = JSON.parse(await readFile(processFile, 'utf8')) as {
    capabilities: Record<string, string[]>;
  };
  assert.deepEqual(
    written.capabilities.permitted,
    ALL.filter((name) => !missing.includes(name)),
  );
});

test('invocations that start no process are passed straight through', async () => {
  const result = await runClamp(['--root', '/run/r', 'delete', '--force', 'c1']);
  assert.equal(result.exitCode, 42);
  assert.equal(result.stdout.trim(), 'argv: --root /run/r delete --force c1');
  assert.equal(result.stderr, '');
});

test('a missing real runc is a clear error, not a silent success', async () => {
  const result = await run([clamp, 'state', 'c1'], {
    env: { CKS_LAB_REAL_RUNC: join(work, 'absent-runc') },
    allowFailure: true,
  });
  assert.equal(result.exitCode, 127);
  assert.match(result.stderr, /CKS_LAB_REAL_RUNC=.*absent-runc does not exist/);
});

test('buildRuncClamp reuses a binary built from the same sources', async () => {
  const built = await stat(clamp);
  assert.equal(await buildRuncClamp({ binDir: join(work, 'bin') }), clamp);
  assert.equal((await stat(clamp)).mtimeMs, built.mtimeMs);
  assert.match(clamp, /runc-clamp-[0-9a-f]{16}$/);
  assert.equal(hasElfInterpreter(await readFile(clamp)), false, 'static: no dynamic loader needed in a node');
});

/** True when a 64-bit little-endian ELF asks for a dynamic loader (has a PT_INTERP program header). */
function hasElfInterpreter(elf: Buffer): boolean {
  assert.equal(elf.toString('latin1', 0, 4), '\x7fELF');
  const tableOffset = Number(elf.readBigUInt64LE(0x20));
  const entrySize = elf.readUInt16LE(0x36);
  const entries = elf.readUInt16LE(0x38);
  for (let i = 0; i < entries; i++) {
    if (elf.readUInt32LE(tableOffset + i * entrySize) === 3) return true;
  }
  return false;
}
