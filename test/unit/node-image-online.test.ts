import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { run } from '../../server/exec/run.js';
import { finishDockerfile } from '../../infra/node-image/preload.js';
import { PINNED_ONLINE_BASE, versionOfBase } from '../../infra/node-image/online/base.js';
import { learnerPackages, stageOnlineContext } from '../../infra/node-image/online/context.js';
import { CONTEXT, onlineDockerfile } from '../../infra/node-image/online/dockerfile.js';
import { nodeImageTag } from '../../infra/node-image/tag.js';

const PATCH_SCRIPT = join(import.meta.dirname, '../../infra/node-image/online/patch-containerd-config.sh');

// The shape of kind v0.26's node config (images/base/files/etc/containerd/config.toml), comments trimmed.
const KIND_CONFIG = `version = 2

[proxy_plugins]
[proxy_plugins."fuse-overlayfs"]
  type = "snapshot"
  address = "/run/containerd-fuse-overlayfs.sock"

[plugins."io.containerd.grpc.v1.cri".containerd]
  discard_unpacked_layers = true
  snapshotter = "overlayfs"
  default_runtime_name = "runc"
[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
  runtime_type = "io.containerd.runc.v2"
  base_runtime_spec = "/etc/containerd/cri-base.json"
  [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
    SystemdCgroup = true

[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.test-handler]
  runtime_type = "io.containerd.runc.v2"
  base_runtime_spec = "/etc/containerd/cri-base.json"
  [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.test-handler.options]
    SystemdCgroup = true

[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "registry.k8s.io/pause:3.10"
  tolerate_missing_hugepages_controller = true
  restrict_oom_score_adj = false
`;

let root: string;
before(async () => {
  root = await mkdtemp(join(tmpdir(), 'cks-online-image-'));
});
after(async () => {
  await rm(root, { recursive: true, force: true });
});

async function patch(config: string) {
  const file = join(root, `config-${Math.random().toString(36).slice(2)}.toml`);
  await writeFile(file, config);
  const result = await run(['bash', PATCH_SCRIPT, file], { allowFailure: true, timeoutMs: 10_000 });
  return { result, text: await readFile(file, 'utf8') };
}

describe('containerd config patch', () => {
  test("adds the clamp to kind's runc options, a runsc handler and oom clamping, keeping the rest", async () => {
    const { result, text } = await patch(KIND_CONFIG);
    assert.equal(result.exitCode, 0, result.stderr);
    assert.match(
      text,
      /runtimes\.runc\.options\]\n {4}BinaryName = "\/usr\/local\/sbin\/cks-lab-runc-clamp"\n {4}SystemdCgroup = true\n/,
    );
    // only runc: kind's test-handler keeps plain runc
    assert.equal(text.match(/BinaryName/g)?.length, 1);
    assert.match(text, /runtimes\.runsc\]\s+runtime_type = "io\.containerd\.runsc\.v1"/);
    assert.match(text, /ConfigPath = "\/etc\/containerd\/runsc\.toml"/);
    assert.match(text, /restrict_oom_score_adj = true/);
    assert.match(text, /\[proxy_plugins\."fuse-overlayfs"\]/);
    assert.match(text, /sandbox_image = "registry\.k8s\.io\/pause:3\.10"/);
  });

  test('is idempotent and replaces an existing BinaryName', async () => {
    const once = (await patch(KIND_CONFIG)).text;
    const twice = await patch(once);
    assert.equal(twice.text, once);
    const other = KIND_CONFIG.replace(
      'SystemdCgroup = true\n',
      'SystemdCgroup = true\n    BinaryName = "/usr/bin/runc"\n',
    );
    const replaced = (await patch(other)).text;
    assert.doesNotMatch(replaced, /\/usr\/bin\/runc/);
    assert.equal(replaced.match(/BinaryName/g)?.length, 1);
  });

  test('refuses a config it does not understand, naming the file, and leaves it unchanged', async () => {
    const v1 = 'version = 1\n[plugins.cri]\n';
    const { result, text } = await patch(v1);
    assert.notEqual(result.exitCode, 0);
    assert.match(result.stderr, /config-\w+\.toml: not a containerd config with version = 2/);
    assert.equal(text, v1);
    const noRunc = await patch('version = 2\n[plugins."io.containerd.grpc.v1.cri"]\n');
    assert.match(
      noRunc.result.stderr,
      /no \[plugins\."io\.containerd\.grpc\.v1\.cri"\]\.containerd\.runtimes\.runc\.options|no .*runc\.options/,
    );
  });
});

describe('online Dockerfile', () => {
  const dockerfile = onlineDockerfile(PINNED_ONLINE_BASE, ['jq', 'vim', 'openssh-server']);

  test('starts from the base and installs only the missing learner packages', () => {
    const lines = dockerfile.split('\n');
    assert.equal(lines[0], `FROM ${PINNED_ONLINE_BASE}`);
    assert.match(
      dockerfile,
      /for p in jq vim openssh-server; do dpkg -s "\$p" .* \|\| clean-install \$missing/,
    );
  });

  test('copies every staged addition and patches containerd instead of replacing its config', () => {
    for (const path of Object.values(CONTEXT)) assert.match(dockerfile, new RegExp(`COPY ${path}`), path);
    assert.match(dockerfile, /COPY bin\/ \/usr\/local\/bin\//);
    assert.match(dockerfile, /COPY cks-lab-runc-clamp \/usr\/local\/sbin\/cks-lab-runc-clamp/);
    assert.match(dockerfile, /bash \/tmp\/patch-containerd-config\.sh \/etc\/containerd\/config\.toml/);
    assert.match(dockerfile, /systemctl enable ssh\.service cks-lab-imds\.service/);
    assert.match(dockerfile, /rm -f \/etc\/ssh\/ssh_host_\*/);
  });

  test("keeps the base's ENTRYPOINT and STOPSIGNAL", () => {
    assert.doesNotMatch(dockerfile, /^(ENTRYPOINT|STOPSIGNAL|CMD)/m);
  });

  test('rejects a package name that is not one, naming it', () => {
    assert.throws(
      () => onlineDockerfile('b', ['jq', 'vim; rm -rf /']),
      /not a Debian package name: "vim; rm -rf \/"/,
    );
  });

  test("the learner packages are node-packages.txt's learner part", async () => {
    const packages = await learnerPackages();
    for (const name of [
      'jq',
      'vim',
      'nano',
      'less',
      'openssl',
      'openssh-server',
      'tmux',
      'bash-completion',
    ]) {
      assert.ok(packages.includes(name), name);
    }
    assert.ok(!packages.includes('containerd'), 'the node OS is the base image, not learner packages');
  });
});

test('the finish Dockerfile restores the entrypoint and stop signal docker commit loses', () => {
  const text = finishDockerfile({
    from: 'cks-lab/node-build:x-preloaded',
    tag: 'unused',
    entrypoint: ['/usr/local/bin/entrypoint', '/sbin/init'],
    stopSignal: 'SIGRTMIN+3',
    labels: { 'io.cks-lab.inputs': 'abc' },
  });
  assert.equal(
    text,
    [
      'FROM cks-lab/node-build:x-preloaded',
      'ENV container=docker',
      'STOPSIGNAL SIGRTMIN+3',
      'ENTRYPOINT ["/usr/local/bin/entrypoint","/sbin/init"]',
      'LABEL io.cks-lab.inputs="abc"',
    ].join('\n'),
  );
});

describe('online base and tag', () => {
  const saved = { base: process.env.CKS_LAB_ONLINE_BASE, image: process.env.CKS_LAB_NODE_IMAGE };
  after(() => {
    for (const [key, value] of [
      ['CKS_LAB_ONLINE_BASE', saved.base],
      ['CKS_LAB_NODE_IMAGE', saved.image],
    ] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  test("the version comes from the base's tag", () => {
    assert.equal(versionOfBase(PINNED_ONLINE_BASE), 'v1.34.0');
    assert.equal(versionOfBase('cks-lab/node:v1.32.6-01b0bc71ec93'), 'v1.32.6');
    assert.throws(
      () => versionOfBase('kindest/node@sha256:abc'),
      /names no Kubernetes version.*CKS_LAB_ONLINE_BASE/,
    );
  });

  test('online tags name the base version and differ per base; offline stays the default', async () => {
    delete process.env.CKS_LAB_NODE_IMAGE;
    delete process.env.CKS_LAB_ONLINE_BASE;
    const pinned = await nodeImageTag('online');
    assert.match(pinned, /^cks-lab\/node:v1\.34\.0-online-[0-9a-f]{12}$/);
    process.env.CKS_LAB_ONLINE_BASE = 'cks-lab/node:v1.32.6-01b0bc71ec93';
    const standIn = await nodeImageTag('online');
    assert.match(standIn, /^cks-lab\/node:v1\.32\.6-online-[0-9a-f]{12}$/);
    assert.notEqual(standIn.split('-online-')[1], pinned.split('-online-')[1]);
    assert.match(await nodeImageTag(), /^cks-lab\/node:v\d+\.\d+\.\d+-[0-9a-f]{12}$/);
  });
});

test('the build context holds the additions and the overlay without what the base owns', async () => {
  const src = join(root, 'src');
  const files: Record<string, string> = {};
  for (const name of ['runsc', 'shim', 'trivy', 'etcdctl', 'kubesec', 'kube-bench', 'clamp', 'imds']) {
    files[name] = join(root, `fake-${name}`);
    await writeFile(files[name], `#!/bin/sh\necho ${name}\n`, { mode: 0o755 });
  }
  await run(['mkdir', '-p', join(src, 'schemas', 'master-standalone-strict')], { timeoutMs: 5_000 });
  await writeFile(join(src, 'schemas', 'master-standalone-strict', 'pod-v1.json'), '{}');
  await run(['mkdir', '-p', join(src, 'kube-bench-cfg', 'cis-1.12')], { timeoutMs: 5_000 });
  await writeFile(join(src, 'kube-bench-cfg', 'cis-1.12', 'master.yaml'), '---\n');
  const dir = join(root, 'context');
  await stageOnlineContext(dir, {
    runsc: files.runsc!,
    runscShim: files.shim!,
    trivy: files.trivy!,
    etcdctl: files.etcdctl!,
    kubesec: files.kubesec!,
    kubesecSchemasDir: join(src, 'schemas'),
    kubeBench: files['kube-bench']!,
    kubeBenchCfgDir: join(src, 'kube-bench-cfg'),
    clamp: files.clamp!,
    imds: files.imds!,
  });
  assert.deepEqual((await readdir(join(dir, 'bin'))).sort(), [
    'cks-lab-imds',
    'containerd-shim-runsc-v1',
    'etcdctl',
    'runsc',
    'trivy',
  ]);
  assert.ok(((await stat(join(dir, 'bin', 'runsc'))).mode & 0o111) !== 0, 'binaries stay executable');
  const overlay = join(dir, 'overlay');
  for (const present of [
    'etc/profile.d/cks-lab.sh',
    'etc/containerd/runsc.toml',
    'etc/ssh/sshd_config.d/10-cks-lab.conf',
    'usr/local/sbin/cks-lab-runsc',
    'usr/local/bin/kubesec',
    'usr/local/bin/kube-bench',
    'kind/bin/preload-images.sh',
  ]) {
    await stat(join(overlay, present));
  }
  await assert.rejects(stat(join(overlay, 'etc/containerd/config.toml')), /ENOENT/);
  await assert.rejects(stat(join(overlay, 'kind/manifests/default-storage.yaml')), /ENOENT/);
  await stat(join(dir, 'kubesec-schemas', 'master-standalone-strict', 'pod-v1.json'));
  assert.ok(((await stat(join(dir, 'kube-bench'))).mode & 0o111) !== 0, 'kube-bench stays executable');
  await stat(join(dir, 'kube-bench-cfg', 'cis-1.12', 'master.yaml'));
  await stat(join(dir, 'patch-containerd-config.sh'));
});
