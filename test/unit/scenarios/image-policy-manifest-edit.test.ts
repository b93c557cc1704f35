import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { run } from '../../../server/exec/run.js';

// The image-policy-webhook solution edits the kube-apiserver static pod manifest with a script; its wrong answers
// reuse it with one part left out. Here it runs against a copy of a kubeadm manifest instead of a node.
const scenarioDir = fileURLToPath(new URL('../../../scenarios/image-policy-webhook/', import.meta.url));
const script = join(scenarioDir, 'solution', 'wire-image-policy.sh');
const kubeadmManifest = fileURLToPath(
  new URL('../../fixtures/scenarios/kube-apiserver.yaml', import.meta.url),
);
const configDir = '/etc/kubernetes/policywebhook';

interface ApiServerPod {
  spec: {
    containers: {
      command: string[];
      volumeMounts: { name: string; mountPath: string; readOnly?: boolean }[];
    }[];
    volumes: { name: string; hostPath?: { path: string; type?: string } }[];
  };
}

let kubernetesDir: string;
beforeEach(async () => {
  kubernetesDir = await mkdtemp(join(tmpdir(), 'cks-ipw-'));
  await mkdir(join(kubernetesDir, 'manifests'));
  await mkdir(join(kubernetesDir, 'policywebhook'));
  await copyFile(kubeadmManifest, join(kubernetesDir, 'manifests', 'kube-apiserver.yaml'));
  await copyFile(
    join(scenarioDir, 'files', 'admission_config.yaml'),
    join(kubernetesDir, 'policywebhook', 'admission_config.yaml'),
  );
});
afterEach(() => rm(kubernetesDir, { recursive: true, force: true }));

function wire(...options: string[]) {
  return run(['bash', script, ...options], {
    env: { ...process.env, KUBERNETES_DIR: kubernetesDir },
    allowFailure: true,
    timeoutMs: 30_000,
  });
}

async function apiServerPod(): Promise<ApiServerPod> {
  return parse(
    await readFile(join(kubernetesDir, 'manifests', 'kube-apiserver.yaml'), 'utf8'),
  ) as ApiServerPod;
}

async function defaultAllow(): Promise<unknown> {
  const config = parse(
    await readFile(join(kubernetesDir, 'policywebhook', 'admission_config.yaml'), 'utf8'),
  ) as {
    plugins: { name: string; configuration: { imagePolicy: { defaultAllow: unknown } } }[];
  };
  return config.plugins.find((plugin) => plugin.name === 'ImagePolicyWebhook')?.configuration.imagePolicy
    .defaultAllow;
}

function summary(pod: ApiServerPod) {
  const [container] = pod.spec.containers;
  assert.ok(container, 'the manifest has a container');
  return {
    plugins: container.command.find((arg) => arg.startsWith('--enable-admission-plugins=')),
    configFlags: container.command.filter((arg) => arg.startsWith('--admission-control-config-file=')),
    mounts: container.volumeMounts.filter((mount) => mount.mountPath === configDir),
    volumes: pod.spec.volumes.filter((volume) => volume.hostPath?.path === configDir),
  };
}

test('the solution enables the plugin, points at the config, mounts its folder and fails closed', async () => {
  const result = await wire();
  assert.equal(result.exitCode, 0, result.stderr);
  const pod = await apiServerPod();
  assert.deepEqual(summary(pod), {
    plugins: '--enable-admission-plugins=NodeRestriction,ImagePolicyWebhook',
    configFlags: [`--admission-control-config-file=${configDir}/admission_config.yaml`],
    mounts: [{ mountPath: configDir, name: 'policywebhook', readOnly: true }],
    volumes: [{ hostPath: { path: configDir, type: 'Directory' }, name: 'policywebhook' }],
  });
  assert.equal(await defaultAllow(), false);
  // the flags kubeadm wrote are all still there
  const original = parse(await readFile(kubeadmManifest, 'utf8')) as ApiServerPod;
  const kept =
    original.spec.containers[0]?.command.filter((arg) => !arg.startsWith('--enable-admission-plugins=')) ??
    [];
  for (const arg of kept) assert.ok(pod.spec.containers[0]?.command.includes(arg), `lost ${arg}`);
  assert.deepEqual(
    await readdir(join(kubernetesDir, 'manifests')),
    ['kube-apiserver.yaml'],
    'only the manifest may be in manifests/ (the kubelet runs every file there)',
  );
});

test('each wrong-answer option leaves out exactly its part, whatever ran before', async () => {
  assert.equal((await wire()).exitCode, 0);

  assert.equal((await wire('--no-volume')).exitCode, 0);
  let wired = summary(await apiServerPod());
  assert.match(wired.plugins ?? '', /ImagePolicyWebhook/);
  assert.equal(wired.configFlags.length, 1);
  assert.deepEqual([wired.mounts, wired.volumes], [[], []]);

  assert.equal((await wire('--no-plugin')).exitCode, 0);
  wired = summary(await apiServerPod());
  assert.equal(wired.plugins, '--enable-admission-plugins=NodeRestriction');
  assert.equal(wired.configFlags.length, 1);
  assert.equal(wired.mounts.length, 1);

  assert.equal((await wire('--keep-default-allow')).exitCode, 0);
  assert.equal(await defaultAllow(), true);
  wired = summary(await apiServerPod());
  assert.equal(wired.configFlags.length, 1, 'running twice must not add the flag twice');
  assert.equal(wired.volumes.length, 1, 'running twice must not add the volume twice');
});

test('a manifest of an unexpected shape is left alone, with a message saying what went wrong', async () => {
  const manifest = join(kubernetesDir, 'manifests', 'kube-apiserver.yaml');
  // list items indented differently from kubeadm's output: the edit cannot find its anchors
  const reindented = (await readFile(kubeadmManifest, 'utf8')).replace(/^ {4}- --/gm, '      - --');
  await writeFile(manifest, reindented);
  const result = await wire();
  assert.notEqual(result.exitCode, 0);
  assert.match(
    result.stderr,
    /editing .*kube-apiserver\.yaml went wrong: expected 1 line\(s\) with the config flag, found 0/,
  );
  assert.equal(await readFile(manifest, 'utf8'), reindented);
  assert.deepEqual((await readdir(kubernetesDir)).sort(), [
    'kube-apiserver.yaml.orig',
    'manifests',
    'policywebhook',
  ]);
});

test('an unknown option is refused before anything changes', async () => {
  const result = await wire('--no-vlume');
  assert.equal(result.exitCode, 2);
  assert.match(result.stderr, /unknown option "--no-vlume"/);
  assert.equal(await defaultAllow(), true);
});
