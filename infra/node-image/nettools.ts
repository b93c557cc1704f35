import { join } from 'node:path';
import { importImage } from './docker.js';
import { NETTOOLS_IMAGE } from './offline/component-images.js';
import { debianRootfs } from './offline/debian-rootfs.js';
import { OFFLINE_DIR } from './offline/versions.js';

/** Builds the network-debug image from Debian packages (nettools-packages.txt); returns its ref. */
export async function buildNettoolsImage(info: (message: string) => void): Promise<string> {
  const tar = await debianRootfs(join(OFFLINE_DIR, 'nettools-packages.txt'), info);
  await importImage(tar, NETTOOLS_IMAGE, ['CMD ["bash"]', 'ENV PATH=/usr/sbin:/usr/bin:/sbin:/bin']);
  return NETTOOLS_IMAGE;
}
