import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { withTempDir } from './temp-dir.js';
import { dockerExec, imageExists, saveImages } from './docker.js';
import { normalizeImageRef } from './image-ref.js';

const IMPORT_TIMEOUT_MS = 10 * 60_000;

/**
 * Copies images from this host's Docker engine into every node's containerd (namespace k8s.io, where the kubelet
 * looks) and pins them so the kubelet's image garbage collection never removes them. Debian's containerd 1.6 ctr
 * has no `import --label`, hence the separate label call.
 */
export async function loadImagesIntoNodes(
  nodes: readonly string[],
  images: readonly string[],
): Promise<void> {
  if (!images.length) return;
  const refs = images.map((image) => ({ image, stored: normalizeImageRef(image) }));
  for (const { image } of refs) {
    if (!(await imageExists(image))) {
      throw new Error(
        `image ${image} is not in this host's Docker engine: build or load it first (docker image ls)`,
      );
    }
  }
  await withTempDir('cks-lab-images-', async (dir) => {
    const tarball = join(dir, 'images.tar');
    await saveImages(images, tarball);
    const content = await readFile(tarball);
    for (const node of nodes) {
      await dockerExec(
        node,
        ['ctr', '-n', 'k8s.io', 'images', 'import', '--all-platforms', '--digests', '-'],
        {
          input: content,
          timeoutMs: IMPORT_TIMEOUT_MS,
        },
      );
      for (const { stored } of refs) {
        await dockerExec(
          node,
          ['ctr', '-n', 'k8s.io', 'images', 'label', stored, 'io.cri-containerd.pinned=pinned'],
          {
            timeoutMs: 60_000,
          },
        );
      }
    }
  });
}
