import { buildUpgradeRelease, upgradeReleaseImages } from '../../infra/kubernetes-release/upgrade-release.js';
import { normalizeImageRef } from '../clusters/kind/image-ref.js';

/**
 * Whether a scenario's plain image ref is one of the upgrade release's (the next Kubernetes minor's control-plane
 * images and binaries): those are compiled on first use like a scenario's own images, never part of the node image.
 */
export function isReleaseImage(ref: string): boolean {
  let full: string;
  try {
    full = normalizeImageRef(ref);
  } catch {
    return false;
  }
  return upgradeReleaseImages().some((image) => normalizeImageRef(image) === full);
}

let inFlight: Promise<void> | undefined;

/** Builds the release's images (or finds them up to date); phases asking at the same time share one build. */
export function ensureReleaseImages(info: (message: string) => void): Promise<void> {
  inFlight ??= buildUpgradeRelease(info).then(
    () => {
      inFlight = undefined;
    },
    (error: unknown) => {
      inFlight = undefined;
      throw error;
    },
  );
  return inFlight;
}
