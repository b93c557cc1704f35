// The node image contract: what any builder (offline or online) must put in the image for kind, the grader and
// the learner. Runs the image as a plain container (no cluster), so a broken image fails here with a clear reason.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { startIdleNodeContainer } from '../../infra/node-image/docker.js';
import { run } from '../../server/exec/run.js';
import { clusterTier } from './support.js';

const tier = await clusterTier();
const container = `cks-lab-contract-${process.pid}`;
/** Builders name the Kubernetes version in the tag (cks-lab/node:v1.32.6-<hash>, …:v1.32.0-online-<hash>). */
const imageVersion = tier ? versionInTag(tier.image) : '';

function versionInTag(image: string): string {
  const match = /:(v\d+\.\d+\.\d+)(?:-|$)/.exec(image);
  assert.ok(
    match,
    `node image tag ${image} names no Kubernetes version (expected e.g. cks-lab/node:v1.32.6-<hash>)`,
  );
  return match[1]!;
}

/** containerd's full name for an image ref: busybox:1.37 -> docker.io/library/busybox:1.37. */
function fullImageRef(ref: string): string {
  const [first, ...rest] = ref.split('/');
  if (rest.length && (first!.includes('.') || first!.includes(':') || first === 'localhost')) return ref;
  return rest.length ? `docker.io/${ref}` : `docker.io/library/${ref}`;
}

/** Runs a fixed script inside the contract container (argv to bash; nothing interpolated). */
async function inImage(script: string, timeoutMs = 60_000) {
  return run(['docker', 'exec', container, 'bash', '-c', script], { timeoutMs, allowFailure: true });
}

describe('node image contract', { skip: tier ? false : 'cluster tier unavailable' }, () => {
  before(async () => {
    // privileged so containerd can start and list the preloaded images, as in a kind node
    await startIdleNodeContainer(container, tier!.image);
  });
  after(async () => {
    await run(['docker', 'rm', '-f', '--volumes', container], { allowFailure: true, timeoutMs: 120_000 });
  });

  test('kind metadata: /kind/version matches the tag, manifests present, no baked identity', async () => {
    const kindVersion = await inImage('cat /kind/version');
    assert.equal(
      kindVersion.stdout.trim(),
      imageVersion,
      `/kind/version differs from the tag ${tier!.image}`,
    );
    const cni = await inImage(
      'grep -c "would you kindly template this file" /kind/manifests/default-cni.yaml',
    );
    assert.equal(cni.stdout.trim(), '1', 'the CNI manifest must carry the template marker kind looks for');
    const identity = await inImage(
      'test ! -e /kind/product_uuid && test ! -s /etc/machine-id && ! ls /etc/ssh/ssh_host_*',
    );
    assert.equal(identity.exitCode, 0, 'product_uuid, machine-id and ssh host keys must not be baked in');
  });

  test("kubeadm, kubelet, kubectl are the image's Kubernetes version", async () => {
    for (const tool of ['kubeadm version -o short', 'kubelet --version', 'kubectl version --client']) {
      const result = await inImage(tool);
      assert.equal(result.exitCode, 0, `${tool}: ${result.stderr}`);
      assert.match(result.stdout, new RegExp(imageVersion.replace(/\./g, '\\.')), tool);
    }
  });

  test('the learner has the tools a CKS candidate expects', async () => {
    const tools = [
      'crictl',
      'etcdctl',
      'trivy',
      'kubesec',
      'kube-bench',
      'strace',
      'jq',
      'vim',
      'nano',
      'openssl',
      'less',
      'ssh',
      'tmux',
      'runsc',
    ];
    const result = await inImage(
      `for t in ${tools.join(' ')}; do command -v "$t" >/dev/null || echo "missing $t"; done`,
    );
    assert.equal(result.stdout.trim(), '', result.stdout);
    const completion = await inImage(
      'test -s /usr/share/bash-completion/completions/kubectl && test -r /etc/profile.d/cks-lab.sh',
    );
    assert.equal(completion.exitCode, 0, 'kubectl completion and the learner profile must be installed');
    const kubesec = await inImage(
      "printf 'apiVersion: v1\\nkind: Pod\\nmetadata: {name: p}\\nspec:\\n  containers: [{name: c, image: busybox:1.37}]\\n' > /tmp/p.yaml && kubesec scan /tmp/p.yaml",
    );
    assert.match(
      kubesec.stdout,
      /"valid": true/,
      `kubesec must validate offline: ${kubesec.stdout}${kubesec.stderr}`,
    );
    // with no flags: the wrapper finds the benchmark definitions and takes the Kubernetes version from the kubelet
    // (no API server answers here), so kube-bench runs the CIS benchmark its config maps this version to
    const minor = imageVersion.replace(/^v(\d+\.\d+)\..*$/, '$1');
    const config = parseYaml((await inImage('cat /etc/kube-bench/cfg/config.yaml')).stdout) as {
      version_mapping?: Record<string, string>;
    };
    const benchmark = config.version_mapping?.[minor];
    assert.ok(benchmark, `kube-bench's config maps Kubernetes ${minor} to no CIS benchmark`);
    const kubeBench = await inImage('kube-bench run --targets node --json 2>/dev/null');
    assert.equal(kubeBench.exitCode, 0, `kube-bench run --targets node: ${kubeBench.stderr}`);
    const report = JSON.parse(kubeBench.stdout) as {
      Controls: { id: string; version: string; tests: { results: unknown[] }[] }[];
    };
    const [node] = report.Controls;
    assert.ok(node, 'kube-bench reported no node section');
    assert.equal(
      node.version,
      benchmark,
      'kube-bench chose another benchmark than its config maps this version to',
    );
    assert.ok(
      node.tests.some((section) => section.results.length > 0),
      'kube-bench ran no checks of the node target',
    );
  });

  test('containerd has a runsc handler and runc goes through the capability clamp', async () => {
    const config = await inImage('cat /etc/containerd/config.toml');
    assert.match(config.stdout, /runtimes\.runsc\]\s+runtime_type = "io\.containerd\.runsc\.v1"/);
    assert.match(config.stdout, /BinaryName = "\/usr\/local\/sbin\/cks-lab-runc-clamp"/);
    // the sandbox image is the pause image this kubeadm asks for (a mismatch is pulled, and nothing is pulled here)
    const pause = (await inImage(`kubeadm config images list --kubernetes-version ${imageVersion}`)).stdout
      .split('\n')
      .find((ref) => ref.startsWith('registry.k8s.io/pause:'));
    assert.ok(pause, 'kubeadm lists no pause image');
    assert.ok(
      config.stdout.includes(`sandbox_image = "${pause}"`),
      `containerd's sandbox_image is not ${pause}`,
    );
    const shim = await inImage('containerd-shim-runsc-v1 -v && runsc --version');
    assert.equal(shim.exitCode, 0, shim.stderr);
  });

  test('every image kubeadm asks for, the pod network, busybox:1.37 and nettools are preloaded and pinned', async () => {
    const wanted = (await inImage(`kubeadm config images list --kubernetes-version ${imageVersion}`)).stdout
      .trim()
      .split('\n');
    // the pod network is whatever the image's CNI manifest runs (kindnetd, or cks-lab's netd offline)
    const cniImages = (await inImage('cat /kind/manifests/default-cni.yaml')).stdout
      .split('\n')
      .map((line) => /^\s*image:\s*["']?([^"'\s]+)/.exec(line)?.[1])
      .filter((ref): ref is string => ref !== undefined);
    assert.ok(cniImages.length > 0, '/kind/manifests/default-cni.yaml names no image');
    wanted.push(
      'docker.io/library/busybox:1.37',
      'docker.io/cks-lab/nettools:1',
      ...cniImages.map(fullImageRef),
    );
    const listed = await inImage(
      'containerd >/tmp/containerd.log 2>&1 & for i in $(seq 1 100); do ctr version >/dev/null 2>&1 && break; sleep 0.1; done; ' +
        'ctr -n k8s.io images ls',
      120_000,
    );
    for (const ref of wanted) {
      const line = listed.stdout.split('\n').find((l) => l.startsWith(`${ref} `));
      assert.ok(line, `${ref} is not preloaded; containerd lists:\n${listed.stdout}${listed.stderr}`);
      assert.match(line, /io\.cri-containerd\.pinned=pinned/, `${ref} is not pinned`);
    }
  });
});
