import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { importImage } from '../../infra/node-image/docker.js';
import { debianRootfs } from '../../infra/node-image/offline/debian-rootfs.js';
import { run } from '../exec/run.js';
import { DEBIAN_PACKAGE_NAME } from './node-packages.js';

/** Makes a local image of a Debian rootfs holding the listed packages; returns its ref. */
export type DebianBaseBuilder = (packagesFile: string, info: (message: string) => void) => Promise<string>;

/** The package names in a list file: one per line, `#` starts a comment. */
export function parsePackageList(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim())
    .filter((line) => line !== '');
}

/**
 * Debootstraps the node image's Debian suite with the listed packages from the signed archive (the only base image
 * there is offline) and imports it once as `cks-lab/debian-rootfs:<suite>-<hash of list and recipe>`.
 */
export const debianBaseImage: DebianBaseBuilder = async (packagesFile, info) => {
  const names = parsePackageList(await readFile(packagesFile, 'utf8'));
  const bad = names.find((name) => !DEBIAN_PACKAGE_NAME.test(name));
  if (names.length === 0 || bad !== undefined) {
    throw new Error(
      `${packagesFile}: ${bad === undefined ? 'lists no package' : `"${bad}" is not a Debian package name`}; ` +
        'write one package name per line (# starts a comment)',
    );
  }
  const tar = await debianRootfs(packagesFile, info);
  const ref = `cks-lab/debian-rootfs:${basename(tar, '.tar')}`;
  const present = await run(['docker', 'image', 'inspect', '--format', '{{.Id}}', '--', ref], {
    allowFailure: true,
    timeoutMs: 30_000,
  });
  if (present.exitCode !== 0) {
    info(`importing ${ref}`);
    await importImage(tar, ref, ['ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin']);
  }
  return ref;
};
