import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { run } from '../../../server/exec/run.js';
import { runSteps, type ProgressSink, type Step } from '../../../server/progress.js';
import { buildImds } from '../../imds/build.js';
import { buildRuncClamp } from '../../runc-clamp/build.js';
import { buildImage, imageExists, removeImages, withTempDir } from '../docker.js';
import { finishNodeImage, preloadImages } from '../preload.js';
import { busyboxBinary } from '../busybox.js';
import { buildNettoolsImage } from '../nettools.js';
import { buildBusyboxImage } from '../offline/component-images.js';
import { CACHE_DIR } from '../offline/debian-rootfs.js';
import { buildGoTools } from '../offline/go-tools.js';
import { onlineBase, versionOfBase } from './base.js';
import { learnerPackages, stageOnlineContext, type OnlineAdditions } from './context.js';
import { onlineDockerfile } from './dockerfile.js';

// what kindest/node lacks; Kubernetes, containerd, crictl and the pod network come with it
const GO_TOOLS_KIND_NODE_LACKS = ['gvisor', 'trivy', 'kubesec', 'kubesec-schemas', 'kube-bench', 'etcd'];

interface BuildContext {
  tag: string;
  hash: string;
  base: string;
  work: string;
  additions?: OnlineAdditions;
  entrypoint?: string[];
  stopSignal?: string;
}

/** The online node image: a pinned kindest/node plus gVisor, the learner's tools and cks-lab's settings. */
export async function buildOnlineNodeImage(tag: string, hash: string, progress: ProgressSink): Promise<void> {
  const work = join(CACHE_DIR, 'node-image', `online-work-${hash}`);
  await rm(work, { recursive: true, force: true });
  await mkdir(work, { recursive: true });
  try {
    await runSteps(onlineSteps, { tag, hash, base: onlineBase(), work }, progress);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

const onlineSteps: Step<BuildContext>[] = [
  {
    name: 'build gVisor, trivy, kubesec, kube-bench, etcdctl and the runc clamp from Go sources',
    run: async (ctx, info) => {
      const tools = await buildGoTools({
        only: GO_TOOLS_KIND_NODE_LACKS,
        progress: (event) => {
          if (event.kind === 'end') info(`${event.step} ready`);
          else if (event.kind === 'info') info(event.message);
        },
      });
      const dir = (name: string): string => {
        const path = tools[name];
        if (!path) throw new Error(`online image: Go tool "${name}" produced nothing`);
        return path;
      };
      ctx.additions = {
        runsc: join(dir('gvisor'), 'runsc'),
        runscShim: join(dir('gvisor'), 'containerd-shim-runsc-v1'),
        trivy: dir('trivy'),
        etcdctl: join(dir('etcd'), 'etcdctl'),
        kubesec: dir('kubesec'),
        kubesecSchemasDir: dir('kubesec-schemas'),
        kubeBench: join(dir('kube-bench'), 'kube-bench'),
        kubeBenchCfgDir: join(dir('kube-bench'), 'cfg'),
        clamp: await buildRuncClamp(),
        imds: await buildImds(),
      };
    },
  },
  {
    name: 'the pinned kindest/node base image',
    run: async (ctx, info) => {
      versionOfBase(ctx.base); // a base without a version in its tag fails here, before any work
      if (!(await imageExists(ctx.base))) {
        info(`pulling ${ctx.base}`);
        await run(['docker', 'pull', ctx.base], { timeoutMs: 30 * 60_000 }).catch((error: unknown) => {
          throw new Error(
            `cannot pull the online base ${ctx.base}: is a registry reachable? Without one use --offline\n${String(error)}`,
          );
        });
      }
      const inspect = await run(
        ['docker', 'image', 'inspect', '--format', '{{json .Config}}', '--', ctx.base],
        { timeoutMs: 30_000 },
      );
      const config = JSON.parse(inspect.stdout) as { Entrypoint?: string[] | null; StopSignal?: string };
      if (!config.Entrypoint?.length)
        throw new Error(`online base ${ctx.base} has no ENTRYPOINT: not a kind node image`);
      ctx.entrypoint = config.Entrypoint;
      ctx.stopSignal = config.StopSignal || 'SIGRTMIN+3';
    },
  },
  {
    name: 'add the learner tools, gVisor and cks-lab settings to the base',
    run: async (ctx) => {
      const dockerfile = onlineDockerfile(ctx.base, await learnerPackages());
      await withTempDir('cks-online-', async (dir) => {
        await stageOnlineContext(dir, need(ctx.additions));
        await buildImage(dir, `${dockerfile}\n`, [buildRef(ctx)]);
      });
    },
  },
  {
    name: 'preload busybox:1.37 and the network-debug image into the node',
    run: async (ctx, info) => {
      const busybox = await buildBusyboxImage(await busyboxBinary());
      const nettools = await buildNettoolsImage(info);
      await preloadImages({
        nodeImage: buildRef(ctx),
        images: [busybox, nettools],
        resultRef: preloadedRef(ctx),
        work: ctx.work,
        containerName: `cks-lab-node-build-online-${ctx.hash}`,
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
        entrypoint: need(ctx.entrypoint),
        stopSignal: need(ctx.stopSignal),
        labels: {
          'io.cks-lab.inputs': ctx.hash,
          'io.cks-lab.kubernetes': versionOfBase(ctx.base),
          'io.cks-lab.base': ctx.base,
        },
      });
      await removeImages([buildRef(ctx), preloadedRef(ctx)]);
    },
  },
];

function buildRef(ctx: BuildContext): string {
  return `cks-lab/node-build:online-${ctx.hash}`;
}
function preloadedRef(ctx: BuildContext): string {
  return `cks-lab/node-build:online-${ctx.hash}-preloaded`;
}

function need<T>(value: T | undefined): T {
  if (value === undefined)
    throw new Error('online node image build: a previous step did not produce its output');
  return value;
}
