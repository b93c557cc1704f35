import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { run } from '../../server/exec/run.js';
import { buildImage, removeContainer, saveImages, startIdleNodeContainer, withTempDir } from './docker.js';

const LONG = 30 * 60_000;

export interface PreloadOptions {
  /** the node image to preload into; it must hold /kind/bin/preload-images.sh and containerd */
  nodeImage: string;
  /** local Docker images to import into the node's containerd */
  images: readonly string[];
  /** the committed result (its ENTRYPOINT is the build container's: finishNodeImage restores it) */
  resultRef: string;
  /** folder for the images tarball */
  work: string;
  /** unique per build, so two builds never share a container */
  containerName: string;
  info: (message: string) => void;
}

/** Imports images into a node image's containerd (pinned, content only) and commits the result. */
export async function preloadImages(options: PreloadOptions): Promise<void> {
  const tarball = join(options.work, 'images.tar');
  await saveImages(options.images, tarball);
  const container = options.containerName;
  try {
    await startIdleNodeContainer(container, options.nodeImage, ['-v', `${tarball}:/preload/images.tar:ro`]);
    const result = await run(
      ['docker', 'exec', container, '/kind/bin/preload-images.sh', '/preload/images.tar'],
      { timeoutMs: LONG },
    );
    options.info(`preloaded: ${result.stdout.trim().split('\n').join(', ')}`);
    await run(['docker', 'commit', container, options.resultRef], { timeoutMs: LONG });
  } finally {
    await removeContainer(container);
    await rm(tarball, { force: true });
  }
}

export interface FinishOptions {
  /** the committed, preloaded image */
  from: string;
  tag: string;
  entrypoint: readonly string[];
  stopSignal: string;
  labels: Record<string, string>;
}

/** The Dockerfile that gives a committed node image back its systemd ENTRYPOINT and STOPSIGNAL. */
export function finishDockerfile(options: FinishOptions): string {
  const labels = Object.entries(options.labels).map(([key, value]) => `${key}=${JSON.stringify(value)}`);
  return [
    `FROM ${options.from}`,
    'ENV container=docker',
    `STOPSIGNAL ${options.stopSignal}`,
    `ENTRYPOINT ${JSON.stringify(options.entrypoint)}`,
    ...(labels.length ? [`LABEL ${labels.join(' ')}`] : []),
  ].join('\n');
}

/** docker import/commit cannot set STOPSIGNAL (systemd wants SIGRTMIN+3 to stop); a Dockerfile can. */
export async function finishNodeImage(options: FinishOptions): Promise<void> {
  await withTempDir('cks-node-', (dir) => buildImage(dir, `${finishDockerfile(options)}\n`, [options.tag]));
}
