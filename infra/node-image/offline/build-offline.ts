import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { run } from '../../../server/exec/run.js';
import { runSteps, type ProgressSink, type Step } from '../../../server/progress.js';
import { importImage, removeImages } from '../docker.js';
import { finishNodeImage, preloadImages } from '../preload.js';
import { buildNettoolsImage } from '../nettools.js';
import { buildComponentImages, BUSYBOX_IMAGE, componentDebianBase } from './component-images.js';
import { CACHE_DIR, debianRootfs } from './debian-rootfs.js';
import { collectBinaries, type OfflineBinaries } from './binaries.js';
import { OFFLINE_DIR, version } from './versions.js';

const LONG = 30 * 60_000;

interface BuildContext {
  tag: string;
  hash: string;
  work: string;
  binaries?: OfflineBinaries;
  debianBase?: string;
  componentImages?: string[];
  nodeRootfsTar?: string;
}

/** The offline node image: Debian + Kubernetes and tools from the Go module proxy, images built locally. */
export async function buildOfflineNodeImage(
  tag: string,
  hash: string,
  progress: ProgressSink,
): Promise<void> {
  const work = join(CACHE_DIR, 'node-image', `work-${hash}`);
  await rm(work, { recursive: true, force: true });
  await mkdir(work, { recursive: true });
  try {
    await runSteps(offlineSteps, { tag, hash, work }, progress);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

const offlineSteps: Step<BuildContext>[] = [
  {
    name: 'build Kubernetes, etcd, CoreDNS, gVisor, trivy, kubesec, kube-bench and the pod network from Go sources',
    run: async (ctx, info) => {
      ctx.binaries = await collectBinaries(info);
    },
  },
  {
    name: 'Debian rootfs for the node (debootstrap)',
    run: async (ctx, info) => {
      ctx.nodeRootfsTar = await debianRootfs(join(OFFLINE_DIR, 'node-packages.txt'), info);
    },
  },
  {
    name: 'Debian base for component images',
    run: async (ctx, info) => {
      ctx.debianBase = await componentDebianBase(info);
    },
  },
  {
    name: 'control-plane, CNI, NetworkPolicy and busybox images',
    run: async (ctx, info) => {
      ctx.componentImages = await buildComponentImages(need(ctx.binaries), need(ctx.debianBase), info);
    },
  },
  {
    name: 'network-debug image (curl, nc, dig)',
    run: async (ctx, info) => {
      need(ctx.componentImages).push(await buildNettoolsImage(info));
    },
  },
  {
    name: 'assemble the node rootfs',
    run: async (ctx, info) => {
      const rootfs = join(ctx.work, 'rootfs');
      await mkdir(rootfs);
      await run(['tar', '--numeric-owner', '-xf', need(ctx.nodeRootfsTar), '-C', rootfs], {
        timeoutMs: LONG,
      });
      const bin = need(ctx.binaries);
      await run(
        [
          'bash',
          join(OFFLINE_DIR, 'assemble-rootfs.sh'),
          rootfs,
          bin.kindModuleDir,
          bin.nodeBinDir,
          bin.cniManifest,
          bin.kubesecSchemasDir,
          bin.kubeBenchCfgDir,
          version('KUBERNETES_VERSION'),
        ],
        { timeoutMs: LONG, onLine: (line) => line && info(line) },
      );
      const tar = join(ctx.work, 'node-rootfs.tar');
      await run(['tar', '--numeric-owner', '-C', rootfs, '-cf', tar, '.'], { timeoutMs: LONG });
      await rm(rootfs, { recursive: true, force: true });
      await importImage(tar, buildRef(ctx));
      await rm(tar, { force: true });
    },
  },
  {
    name: 'preload images into the node',
    run: async (ctx, info) => {
      await preloadImages({
        nodeImage: buildRef(ctx),
        images: need(ctx.componentImages),
        resultRef: preloadedRef(ctx),
        work: ctx.work,
        containerName: `cks-lab-node-build-${ctx.hash}`,
        info,
      });
    },
  },
  {
    name: 'finish the node image',
    run: async (ctx) => {
      await finishNodeImage({
        from: preloadedRef(ctx),
        tag: ctx.tag,
        entrypoint: ['/usr/local/bin/entrypoint', '/sbin/init'],
        stopSignal: 'SIGRTMIN+3',
        labels: { 'io.cks-lab.inputs': ctx.hash, 'io.cks-lab.kubernetes': version('KUBERNETES_VERSION') },
      });
      await removeImages([buildRef(ctx), preloadedRef(ctx)]);
    },
  },
];

function buildRef(ctx: BuildContext): string {
  return `cks-lab/node-build:${ctx.hash}`;
}
function preloadedRef(ctx: BuildContext): string {
  return `cks-lab/node-build:${ctx.hash}-preloaded`;
}

function need<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('node image build: a previous step did not produce its output');
  return value;
}

export { BUSYBOX_IMAGE };
