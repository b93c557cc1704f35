import { BUSYBOX_IMAGE, NETTOOLS_IMAGE } from '../../infra/node-image/offline/component-images.js';
import { normalizeImageRef } from '../clusters/kind/image-ref.js';

/**
 * Images every cks-lab node holds for pods (nothing is pulled in a lab): busybox and the network-debug image.
 * The Kubernetes component images are there too, but only at the node's own version, so they are not offered.
 */
export const NODE_IMAGES: readonly string[] = [BUSYBOX_IMAGE, NETTOOLS_IMAGE];

/** True when a pod naming this image can start on a cks-lab node without a registry. */
export function isOnNode(ref: string): boolean {
  try {
    const full = normalizeImageRef(ref);
    return NODE_IMAGES.some((image) => normalizeImageRef(image) === full);
  } catch {
    return false; // not a valid reference: it cannot be on the node either
  }
}
