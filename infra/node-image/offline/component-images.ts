import { copyFile, mkdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { buildImage, imageExists, importImage, withTempDir } from '../docker.js';
import { debianRootfs } from './debian-rootfs.js';
import { NETD_IMAGE } from '../../netd/build.js';
import { OFFLINE_DIR, version } from './versions.js';

/** Static binaries the component images are made of. */
export interface ComponentBinaries {
  kubeApiserver: string;
  kubeControllerManager: string;
  kubeScheduler: string;
  kubeProxy: string;
  etcd: string;
  etcdctl: string;
  coredns: string;
  pause: string;
  netd: string;
  kubeRouter: string;
  busybox: string;
}

/** The NetworkPolicy firewall's image; infra/netd/default-cni.yaml runs it beside cks-lab-netd. */
export const KUBE_ROUTER_IMAGE = `docker.io/cks-lab/kube-router:${version('KUBE_ROUTER_VERSION')}`;

/** busybox:<major.minor> as scenarios and tests name it; infra/node-image/busybox.ts checks the binary's version. */
/** The network-debug image (Debian's curl, netcat-openbsd, dnsutils, iproute2, ping): nettools-packages.txt. */
export const NETTOOLS_IMAGE = 'docker.io/cks-lab/nettools:1';

export const BUSYBOX_IMAGE = `docker.io/library/busybox:${version('BUSYBOX_VERSION').split('.').slice(0, 2).join('.')}`;

const binDir = '/usr/local/bin';
const path = ['ENV PATH=/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'];

export interface ImageSpec {
  ref: string;
  /** image to start from: `scratch` or the local Debian base */
  from: 'scratch' | 'debian';
  files: Record<string, string>; // path in image -> local file
  extra?: string[];
}

/** A Kubernetes release's image tags: its own version and the etcd and CoreDNS its kubeadm deploys. */
export interface KubernetesRelease {
  kubernetes: string;
  etcdTag: string;
  coredns: string;
}

/** The release the node image runs (versions.env). */
export function nodeRelease(): KubernetesRelease {
  return {
    kubernetes: version('KUBERNETES_VERSION'),
    etcdTag: version('ETCD_IMAGE_TAG'),
    coredns: version('COREDNS_VERSION'),
  };
}

export type ControlPlaneBinaries = Pick<
  ComponentBinaries,
  'kubeApiserver' | 'kubeControllerManager' | 'kubeScheduler' | 'kubeProxy' | 'etcd' | 'etcdctl' | 'coredns'
>;

/** The images kubeadm deploys for a release (pause aside), under the exact names it asks for. */
export function controlPlaneImageSpecs(release: KubernetesRelease, bin: ControlPlaneBinaries): ImageSpec[] {
  const k8s = release.kubernetes;
  return [
    {
      ref: `registry.k8s.io/kube-apiserver:${k8s}`,
      from: 'scratch',
      files: { [`${binDir}/kube-apiserver`]: bin.kubeApiserver },
      extra: path,
    },
    {
      ref: `registry.k8s.io/kube-controller-manager:${k8s}`,
      from: 'scratch',
      files: { [`${binDir}/kube-controller-manager`]: bin.kubeControllerManager },
      extra: path,
    },
    {
      ref: `registry.k8s.io/kube-scheduler:${k8s}`,
      from: 'scratch',
      files: { [`${binDir}/kube-scheduler`]: bin.kubeScheduler },
      extra: path,
    },
    {
      ref: `registry.k8s.io/kube-proxy:${k8s}`,
      from: 'debian',
      files: { [`${binDir}/kube-proxy`]: bin.kubeProxy },
      extra: path,
    },
    {
      ref: `registry.k8s.io/etcd:${release.etcdTag}`,
      from: 'scratch',
      files: { [`${binDir}/etcd`]: bin.etcd, [`${binDir}/etcdctl`]: bin.etcdctl },
      extra: path,
    },
    {
      ref: `registry.k8s.io/coredns/coredns:${release.coredns}`,
      from: 'scratch',
      files: { '/coredns': bin.coredns },
      extra: ['ENTRYPOINT ["/coredns"]'],
    },
  ];
}

/** The images kubeadm, kind's CNI manifest and our tests ask for, under the exact names they ask for. */
export function componentImageSpecs(bin: ComponentBinaries): ImageSpec[] {
  return [
    ...controlPlaneImageSpecs(nodeRelease(), bin),
    {
      ref: `registry.k8s.io/pause:${version('PAUSE_IMAGE_TAG')}`,
      from: 'scratch',
      files: { '/pause': bin.pause },
      extra: ['ENTRYPOINT ["/pause"]'],
    },
    {
      ref: NETD_IMAGE,
      from: 'debian',
      files: { '/bin/cks-lab-netd': bin.netd },
      extra: ['ENTRYPOINT ["/bin/cks-lab-netd"]'],
    },
    {
      ref: KUBE_ROUTER_IMAGE,
      from: 'debian', // it runs iptables-save/-restore and ipset from PATH
      files: { [`${binDir}/kube-router`]: bin.kubeRouter },
      extra: [...path, 'ENTRYPOINT ["/usr/local/bin/kube-router"]'],
    },
    busyboxSpec(bin.busybox),
  ];
}

/** busybox:1.37 from a static busybox binary: the image scenarios and tests run. */
function busyboxSpec(busybox: string): ImageSpec {
  return {
    ref: BUSYBOX_IMAGE,
    from: 'scratch',
    files: { '/bin/busybox': busybox },
    extra: ['RUN ["/bin/busybox", "--install", "-s", "/bin"]', 'CMD ["sh"]'],
  };
}

function dockerfileFor(spec: ImageSpec, debianBase: string): string {
  const lines = [`FROM ${spec.from === 'scratch' ? 'scratch' : debianBase}`];
  // scratch images get an empty /tmp: several components write temporary files
  if (spec.from === 'scratch') lines.push('COPY tmp/ /tmp/');
  for (const [dest, src] of Object.entries(spec.files)) lines.push(`COPY ${basename(src)} ${dest}`);
  lines.push(...(spec.extra ?? []));
  return `${lines.join('\n')}\n`;
}

/** The Debian base of the component images that need userland tools (iptables for kube-proxy); returns its ref. */
export async function componentDebianBase(info: (message: string) => void): Promise<string> {
  const tar = await debianRootfs(join(OFFLINE_DIR, 'image-base-packages.txt'), info);
  const ref = `cks-lab/debian-base:${tar
    .split('-')
    .pop()!
    .replace(/\.tar$/, '')}`;
  if (!(await imageExists(ref))) await importImage(tar, ref);
  return ref;
}

/** Builds every component image from local binaries; returns their refs. */
export async function buildComponentImages(
  bin: ComponentBinaries,
  debianBase: string,
  info: (message: string) => void,
): Promise<string[]> {
  const specs = componentImageSpecs(bin);
  for (const spec of specs) {
    await buildSpecImage(spec, debianBase);
    info(`built ${spec.ref}`);
  }
  return specs.map((s) => s.ref);
}

/** Builds busybox:1.37 alone (the online image has every other image already); returns its ref. */
export async function buildBusyboxImage(busybox: string): Promise<string> {
  const spec = busyboxSpec(busybox);
  await buildSpecImage(spec, 'scratch');
  return spec.ref;
}

/** Builds one image of local files; `labels` are written into it (a build's inputs, for instance). */
export async function buildSpecImage(
  spec: ImageSpec,
  debianBase: string,
  labels: Record<string, string> = {},
): Promise<void> {
  await withTempDir('cks-image-', async (dir) => {
    await mkdir(join(dir, 'tmp'));
    for (const src of Object.values(spec.files)) await copyFile(src, join(dir, basename(src)));
    const labelLines = Object.entries(labels).map(([key, value]) => `LABEL ${key}=${JSON.stringify(value)}`);
    await buildImage(dir, dockerfileFor(spec, debianBase) + labelLines.map((l) => `${l}\n`).join(''), [
      spec.ref,
    ]);
  });
}
