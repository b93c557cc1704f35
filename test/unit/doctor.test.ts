import assert from 'node:assert/strict';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { run } from '../../server/exec/run.js';

// The real CLI as a subprocess, in an environment where no Docker engine can exist: PATH holds no docker, and
// DOCKER_HOST names a socket that does not exist, so the result never depends on the machine running the test.
let sandbox: string;
before(async () => {
  sandbox = await mkdtemp(join(tmpdir(), 'cks-lab-doctor-test-'));
});
after(async () => {
  await rm(sandbox, { recursive: true, force: true });
});

async function doctor(extraEnv: Record<string, string> = {}) {
  const env = {
    PATH: join(sandbox, 'empty-bin'),
    HOME: join(sandbox, 'home'),
    DOCKER_HOST: `unix://${join(sandbox, 'no-such-docker.sock')}`,
    ...extraEnv,
  };
  return run([process.execPath, 'bin/cks-lab.js', 'doctor'], { env, allowFailure: true, timeoutMs: 60_000 });
}

function lineOf(output: string, check: string): string {
  const line = output.split('\n').find((l) => new RegExp(`^[✓✗!] ${check} `).test(l));
  assert.ok(line, `no line for "${check}" in:\n${output}`);
  return line;
}

test('doctor without a Docker engine says what is missing and how to fix it, and exits non-zero', async () => {
  const result = await doctor();
  const out = result.stdout;
  assert.equal(result.exitCode, 1, out + result.stderr);

  assert.match(lineOf(out, 'Docker engine'), /^✗ Docker engine\s+docker CLI not found on PATH$/);
  assert.match(out, /fix: install and start Docker: sudo npx cks-lab host prepare/);
  assert.match(lineOf(out, 'privileged containers'), /✗ .*not checked: needs Docker engine/);
  assert.match(lineOf(out, 'node image'), /✗ .*not checked: needs Docker engine/);
  const kindCache = join(sandbox, 'home', '.cache', 'cks-lab', 'bin');
  assert.match(lineOf(out, 'kind binary'), new RegExp(`✗ .*no kind-\\* binary in ${kindCache}`));
  assert.match(out, /fix: npx cks-lab image build \(builds kind\), or set CKS_LAB_KIND/);
  assert.match(out.trimEnd().split('\n').at(-1) ?? '', /^not ready: \d+ problems to fix/);
});

test('doctor names a CKS_LAB_KIND that does not exist', async () => {
  const missing = join(sandbox, 'nowhere', 'kind');
  const result = await doctor({ CKS_LAB_KIND: missing });
  assert.equal(result.exitCode, 1);
  assert.match(
    lineOf(result.stdout, 'kind binary'),
    new RegExp(`✗ .*CKS_LAB_KIND=${missing} is not an executable`),
  );
});

test('doctor accepts a kind binary from CKS_LAB_KIND and reports its version', async () => {
  const kind = join(sandbox, 'kind');
  await writeFile(kind, '#!/bin/sh\n[ "$1" = version ] && echo "kind v0.26.0 go1.23.4 linux/amd64"\n');
  await chmod(kind, 0o755);
  const result = await doctor({ CKS_LAB_KIND: kind });
  assert.match(
    lineOf(result.stdout, 'kind binary'),
    new RegExp(`^✓ kind binary\\s+kind v0.26.0 .* at ${kind}$`),
  );
  assert.equal(result.exitCode, 1, 'still not ready: there is no engine');
});
