import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { run } from '../../server/exec/run.js';
import { findGo } from '../../infra/runc-clamp/find-go.js';

// The two stdlib-only Go programs the go-tools scripts run with `go run`, exercised on small fixtures.
const GO_TOOLS_DIR = join(import.meta.dirname, '..', '..', 'infra', 'node-image', 'offline', 'go-tools');

let go: string;
let dir: string;

before(async () => {
  const found = await findGo();
  assert.ok(found, 'these tests need a Go toolchain (the offline image build needs one too)');
  go = found;
  dir = await mkdtemp(join(tmpdir(), 'cks-go-generators-'));
});
after(() => rm(dir, { recursive: true, force: true }));

function goRun(program: string, args: string[]) {
  return run([go, 'run', join(GO_TOOLS_DIR, program, 'main.go'), ...args], {
    cwd: dir,
    timeoutMs: 120_000,
    allowFailure: true,
    env: { ...process.env, GOFLAGS: '-mod=mod' },
  });
}

test('goconst evaluates string constants built from literals and other constants, with overrides', async () => {
  const source = join(dir, 'consts.go');
  await writeFile(
    source,
    'package demo\n\nconst image = "docker.io/demo:v1"\n\nconst manifest = `\nimage: ` + image + `\n` + ("# end")\n\nvar n = 3\n',
  );
  const plain = await goRun('goconst', ['-file', source, '-name', 'manifest']);
  assert.equal(plain.exitCode, 0, plain.stderr);
  assert.equal(plain.stdout, '\nimage: docker.io/demo:v1\n# end');

  const overridden = await goRun('goconst', [
    '-file',
    source,
    '-name',
    'manifest',
    '-set',
    'image=local:cks',
  ]);
  assert.equal(overridden.stdout, '\nimage: local:cks\n# end');

  const missing = await goRun('goconst', ['-file', source, '-name', 'manifest', '-set', 'imag=x']);
  assert.equal(missing.exitCode, 1);
  assert.match(missing.stderr, /-set imag: no such constant/);

  const notString = await goRun('goconst', ['-file', source, '-name', 'n']);
  assert.equal(notString.exitCode, 1);
  assert.match(notString.stderr, /3 is not a string literal/);
});

test('kubeschemas writes one strict, standalone schema per kind under kubeconform names', async () => {
  const swagger = join(dir, 'swagger.json');
  const ref = (name: string) => ({ $ref: `#/definitions/${name}` });
  await writeFile(
    swagger,
    JSON.stringify({
      definitions: {
        'io.k8s.api.core.v1.Pod': {
          description: 'dropped',
          type: 'object',
          properties: { metadata: ref('meta.ObjectMeta'), spec: ref('io.k8s.api.core.v1.PodSpec') },
          'x-kubernetes-group-version-kind': [{ group: '', kind: 'Pod', version: 'v1' }],
        },
        'io.k8s.api.core.v1.PodSpec': {
          type: 'object',
          properties: {
            port: ref('io.k8s.apimachinery.pkg.util.intstr.IntOrString'),
            cpu: ref('io.k8s.apimachinery.pkg.api.resource.Quantity'),
            labels: { type: 'object', additionalProperties: { type: 'string' } },
          },
        },
        'meta.ObjectMeta': { type: 'object', properties: { name: { type: 'string', format: 'x' } } },
        'io.k8s.apimachinery.pkg.util.intstr.IntOrString': { type: 'string', format: 'int-or-string' },
        'io.k8s.apimachinery.pkg.api.resource.Quantity': { type: 'string' },
        'io.k8s.api.networking.v1.NetworkPolicy': {
          type: 'object',
          properties: { self: ref('io.k8s.api.networking.v1.NetworkPolicy') },
          'x-kubernetes-group-version-kind': [
            { group: 'networking.k8s.io', kind: 'NetworkPolicy', version: 'v1' },
          ],
        },
      },
    }),
  );
  const out = join(dir, 'schemas');
  const result = await goRun('kubeschemas', ['-swagger', swagger, '-out', out]);
  assert.equal(result.exitCode, 0, result.stderr);
  assert.equal(result.stdout, '2 kind schemas\n');
  const strictDir = join(out, 'master-standalone-strict');
  assert.deepEqual((await readdir(strictDir)).sort(), ['networkpolicy-networking-v1.json', 'pod-v1.json']);

  const pod = JSON.parse(await readFile(join(strictDir, 'pod-v1.json'), 'utf8'));
  assert.deepEqual(pod, {
    type: ['object', 'null'],
    additionalProperties: false,
    properties: {
      metadata: {
        type: ['object', 'null'],
        additionalProperties: false,
        properties: { name: { type: ['string', 'null'] } },
      },
      spec: {
        type: ['object', 'null'],
        additionalProperties: false,
        properties: {
          port: { oneOf: [{ type: ['string', 'null'] }, { type: 'integer' }] },
          cpu: { oneOf: [{ type: ['string', 'null'] }, { type: 'number' }] },
          labels: { type: ['object', 'null'], additionalProperties: { type: ['string', 'null'] } },
        },
      },
    },
  });
  const policy = JSON.parse(await readFile(join(strictDir, 'networkpolicy-networking-v1.json'), 'utf8'));
  assert.deepEqual(policy.properties.self, {}, 'a self-reference is cut, not expanded forever');

  await writeFile(
    swagger,
    JSON.stringify({
      definitions: {
        'a.Pod': {
          ...ref('missing.Def'),
          'x-kubernetes-group-version-kind': [{ group: '', kind: 'Pod', version: 'v1' }],
        },
      },
    }),
  );
  const broken = await goRun('kubeschemas', ['-swagger', swagger, '-out', out]);
  assert.equal(broken.exitCode, 1);
  assert.match(broken.stderr, /reference to unknown definition missing\.Def/);
});
