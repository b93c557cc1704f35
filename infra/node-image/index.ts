import { imageExists } from './docker.js';
import { nodeImageInputsHash, nodeImageTag, onlineNodeImageInputsHash } from './tag.js';
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
  const mode = chooseMode(options.mode ?? 'auto');
  const tag = await nodeImageTag(mode);
  if (!options.force && (await imageExists(tag))) {
    return { tag, built: false, mode: 'cached', durationMs: Date.now() - started };
  }
  if (process.env.CKS_LAB_NODE_IMAGE) {
    throw new Error(
      `CKS_LAB_NODE_IMAGE=${tag} is set but no such image exists; unset it to build the default image`,
    );
  }
  const progress = options.progress ?? silentProgress;
  if (mode === 'online') {
    const { buildOnlineNodeImage } = await import('./online/build-online.js');
    await buildOnlineNodeImage(tag, await onlineNodeImageInputsHash(), progress);
  } else {
    await buildOfflineNodeImage(tag, await nodeImageInputsHash(), progress);
  }
  return { tag, built: true, mode, durationMs: Date.now() - started };
}

/** auto: the offline build, the one path that works everywhere; online is opt-in (it needs a registry). */
function chooseMode(mode: ImageBuildMode): 'offline' | 'online' {
  return mode === 'online' ? 'online' : 'offline';
}
