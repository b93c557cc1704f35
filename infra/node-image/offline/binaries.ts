import { copyFile, mkdir, readdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { run } from '../../../server/exec/run.js';
import { buildImds } from '../../imds/build.js';
import { buildNetd, NETD_MANIFEST } from '../../netd/build.js';
import { busyboxBinary } from '../busybox.js';
import { buildRuncClamp } from '../../runc-clamp/build.js';
import type { ComponentBinaries } from './component-images.js';
import { CACHE_DIR } from './debian-rootfs.js';
import { buildGoTools } from './go-tools.js';
import { version } from './versions.js';

export interface OfflineBinaries extends ComponentBinaries {
  /** kind's Go module folder: its images/base/files are the node's systemd units and entrypoint */
  kindModuleDir: string;
  /** one folder with everything assemble-rootfs.sh installs into the node */
  nodeBinDir: string;
  /** the pod network's manifest (kind renders and applies it) */
  cniManifest: string;
  /** JSON schemas kubesec validates against offline */
  kubesecSchemasDir: string;
  /** kube-bench's cfg/ folder: config.yaml and the CIS benchmark definitions */
  kubeBenchCfgDir: string;
}

// kindnetd is not among them: the Go module proxy serves no version of it, infra/netd replaces it
const GO_TOOLS_FOR_THE_NODE = [
  'kubernetes',
  'kind',
  'etcd',
  'coredns',
  'crictl',
  'pause',
  'gvisor',
  'trivy',
  'kubesec',
  'kubesec-schemas',
  'kube-bench',
  'kube-router',
];

const NODE_BINARIES = [
  'kubeadm',
  'kubelet',
  'kubectl',
  'crictl',
  'etcdctl',
  'runsc',
  'containerd-shim-runsc-v1',
  'trivy',
  'kubesec',
  'kube-bench',
];

/** Builds (or reuses) every binary the offline image needs and stages the node's into one folder. */
export async function collectBinaries(info: (message: string) => void): Promise<OfflineBinaries> {
  const tools = await buildGoTools({
    only: GO_TOOLS_FOR_THE_NODE,
    progress: (event) => {
      if (event.kind === 'end') info(`${event.step} ready`);
      else if (event.kind === 'info') info(event.message);
    },
  });
  const clamp = await buildRuncClamp();
  const netd = await buildNetd();
  const busybox = await busyboxBinary();
  const files = await indexFiles(Object.values(tools));
  const find = (name: string): string => {
    const path = files.get(name);
    if (!path)
      throw new Error(
        `offline image: no "${name}" among the built Go tools (${Object.keys(tools).join(', ')})`,
      );
    return path;
  };

  const nodeBinDir = join(CACHE_DIR, 'node-image', 'bin-staging');
  await mkdir(nodeBinDir, { recursive: true });
  for (const name of NODE_BINARIES) await copyFile(find(name), join(nodeBinDir, name));
  await copyFile(clamp, join(nodeBinDir, 'cks-lab-runc-clamp'));
  await copyFile(await buildImds(), join(nodeBinDir, 'cks-lab-imds'));

  const kindModule = await run(
    ['go', 'mod', 'download', '-json', `sigs.k8s.io/kind@${version('KIND_VERSION')}`],
    {
      timeoutMs: 10 * 60_000,
      env: { ...process.env, GOFLAGS: '-mod=mod', GOSUMDB: 'off' },
    },
  );
  const kindModuleDir = (JSON.parse(kindModule.stdout) as { Dir: string }).Dir;

  return {
    kubeApiserver: find('kube-apiserver'),
    kubeControllerManager: find('kube-controller-manager'),
    kubeScheduler: find('kube-scheduler'),
    kubeProxy: find('kube-proxy'),
    etcd: find('etcd'),
    etcdctl: find('etcdctl'),
    coredns: find('coredns'),
    pause: find('pause'),
    netd,
    kubeRouter: find('kube-router'),
    busybox,
    kindModuleDir,
    nodeBinDir,
    cniManifest: NETD_MANIFEST,
    kubesecSchemasDir: tools['kubesec-schemas']!,
    kubeBenchCfgDir: join(tools['kube-bench']!, 'cfg'),
  };
}

/** basename -> path for every file in the given folders, or beside the given files. */
async function indexFiles(paths: string[]): Promise<Map<string, string>> {
  const index = new Map<string, string>();
  for (const path of paths) {
    const dir = (await stat(path)).isDirectory() ? path : dirname(path);
    for (const entry of await readdir(dir)) index.set(entry, join(dir, entry));
  }
  return index;
}
