import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { run } from '../../server/exec/run.js';
import { CONTENT_HASH_LABEL, imageLabel } from '../../server/scenarios/image-label.js';
import {
  buildSpecImage,
  componentDebianBase,
  controlPlaneImageSpecs,
  nodeRelease,
  type ImageSpec,
  type KubernetesRelease,
} from '../node-image/offline/component-images.js';
import { buildGoTools } from '../node-image/offline/go-tools.js';
import { version } from '../node-image/offline/versions.js';

/** The next minor after the node's: what the upgrade scenario moves a cluster to (versions.env UPGRADE_*). */
export function upgradeRelease(): KubernetesRelease {
  return {
    kubernetes: version('UPGRADE_KUBERNETES_VERSION'),
    etcdTag: version('UPGRADE_ETCD_IMAGE_TAG'),
    coredns: version('UPGRADE_COREDNS_VERSION'),
  };
}

/** kubeadm, kubelet and kubectl of the upgrade release under /kubernetes/, for a scenario's setup to install. */
export function upgradeBinariesImage(): string {
  return `cks-lab/kubernetes-binaries:${upgradeRelease().kubernetes}`;
}

/** Every image the upgrade release adds to a lab: the control plane's (as kubeadm names them) and the binaries. */
export function upgradeReleaseImages(): string[] {
  const refs = controlPlaneImageSpecs(upgradeRelease(), PLACEHOLDER_BINARIES).map((spec) => spec.ref);
  return [...refs, upgradeBinariesImage()];
}

const PLACEHOLDER_BINARIES = {
  kubeApiserver: '',
  kubeControllerManager: '',
  kubeScheduler: '',
  kubeProxy: '',
  etcd: '',
  etcdctl: '',
  coredns: '',
};

const TOOLS = ['kubernetes-upgrade', 'etcd-upgrade', 'coredns-upgrade'];

/**
 * Builds (or finds up to date) the upgrade release's images: Kubernetes, etcd and CoreDNS compiled from the Go module
 * proxy by the node image's own recipes at the UPGRADE_* versions (~15 min cold, a few seconds warm). Fails when this
 * kubeadm would deploy other etcd, CoreDNS or pause images than versions.env names. Returns the refs.
 */
export async function buildUpgradeRelease(info: (message: string) => void): Promise<string[]> {
  const release = upgradeRelease();
  const tools = await buildGoTools({
    only: TOOLS,
    progress: (event) => {
      if (event.kind === 'end') info(`${event.step} ready`);
      else if (event.kind === 'info') info(event.message);
    },
  });
  const kubernetesDir = tools['kubernetes-upgrade']!;

  const specs: ImageSpec[] = [
    ...controlPlaneImageSpecs(release, {
      kubeApiserver: join(kubernetesDir, 'kube-apiserver'),
      kubeControllerManager: join(kubernetesDir, 'kube-controller-manager'),
      kubeScheduler: join(kubernetesDir, 'kube-scheduler'),
      kubeProxy: join(kubernetesDir, 'kube-proxy'),
      etcd: join(tools['etcd-upgrade']!, 'etcd'),
      etcdctl: join(tools['etcd-upgrade']!, 'etcdctl'),
      coredns: tools['coredns-upgrade']!,
    }),
    {
      ref: upgradeBinariesImage(),
      from: 'scratch',
      files: Object.fromEntries(
        ['kubeadm', 'kubelet', 'kubectl'].map((name) => [`/kubernetes/${name}`, join(kubernetesDir, name)]),
      ),
    },
  ];
  await checkKubeadmImages(
    join(kubernetesDir, 'kubeadm'),
    release,
    specs.map((spec) => spec.ref),
  );
  // the tools' cache folders are named by the hash of their recipe and versions: same folders, same images
  const hash = createHash('sha256')
    .update(JSON.stringify([TOOLS.map((tool) => tools[tool]), specs]))
    .digest('hex');
  let debianBase: string | undefined;
  for (const spec of specs) {
    if ((await imageLabel(spec.ref)) === hash) continue;
    debianBase ??= await componentDebianBase(info);
    info(`building ${spec.ref}`);
    await buildSpecImage(spec, debianBase, { [CONTENT_HASH_LABEL]: hash });
  }
  return specs.map((spec) => spec.ref);
}

/** `kubeadm config images list` must name only the images built here and the node's pause. */
async function checkKubeadmImages(
  kubeadm: string,
  release: KubernetesRelease,
  builtRefs: readonly string[],
): Promise<void> {
  const listed = await run(
    [kubeadm, 'config', 'images', 'list', '--kubernetes-version', release.kubernetes],
    { timeoutMs: 60_000 },
  );
  const wanted = new Set(
    listed.stdout
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean),
  );
  const built = new Set([...builtRefs, `registry.k8s.io/pause:${version('PAUSE_IMAGE_TAG')}`]);
  const missing = [...wanted].filter((ref) => !built.has(ref));
  if (missing.length) {
    throw new Error(
      `kubeadm ${release.kubernetes} deploys ${missing.join(', ')}, which the upgrade release does not build: ` +
        'set UPGRADE_ETCD_VERSION/UPGRADE_ETCD_IMAGE_TAG and UPGRADE_COREDNS_VERSION in ' +
        `infra/node-image/offline/versions.env to what \`kubeadm config images list\` prints (node: ${nodeRelease().kubernetes})`,
    );
  }
}
