import { imageExists } from './docker.js';
import { nodeImageInputsHash, nodeImageTag } from './tag.js';
import { buildOfflineNodeImage } from './offline/build-offline.js';
import { silentProgress, type ProgressSink } from '../../server/progress.js';

export type ImageBuildMode = 'offline' | 'online' | 'auto';

export interface EnsureNodeImageOptions {
  mode?: ImageBuildMode;
  progress?: ProgressSink;
  /** Build even when the tag exists. */
  force?: boolean;
}

export interface EnsureNodeImageResult {
  tag: string;
  built: boolean;
  mode: 'offline' | 'online' | 'cached';
  durationMs: number;
}

/** The node image for this checkout: reused when its content-hash tag exists, built otherwise. */
export async function ensureNodeImage(options: EnsureNodeImageOptions = {}): Promise<EnsureNodeImageResult> {
  const started = Date.now();
  const tag = await nodeImageTag();
  if (!options.force && (await imageExists(tag))) {
    return { tag, built: false, mode: 'cached', durationMs: Date.now() - started };
  }
  if (process.env.CKS_LAB_NODE_IMAGE) {
    throw new Error(
      `CKS_LAB_NODE_IMAGE=${tag} is set but no such image exists; unset it to build the default image`,
    );
  }
  const mode = await chooseMode(options.mode ?? 'auto');
  const hash = await nodeImageInputsHash();
  if (mode === 'online') {
    const { buildOnlineNodeImage } = await import('./online/build-online.js');
    await buildOnlineNodeImage(tag, options.progress ?? silentProgress);
  } else {
    await buildOfflineNodeImage(tag, hash, options.progress ?? silentProgress);
  }
  return { tag, built: true, mode, durationMs: Date.now() - started };
}

/** auto: the offline build, the one path that works everywhere (the online builder is not written yet). */
async function chooseMode(mode: ImageBuildMode): Promise<'offline' | 'online'> {
  return mode === 'online' ? 'online' : 'offline';
}
