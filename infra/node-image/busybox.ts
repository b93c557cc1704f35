import { join } from 'node:path';
import { run } from '../../server/exec/run.js';
import { cacheRoot } from '../../server/files/cache-root.js';
import { pathExists } from '../../server/files/missing-ok.js';
import { extractFromDeb, fetchDebianPackage } from './debian-package.js';
import { version } from './offline/versions.js';

/**
 * The static busybox the busybox:<BUSYBOX_VERSION> image is made of: Debian's busybox-static of the suite that
 * ships that version (bookworm's 1.35 `wget -T` segfaults, and an image must hold the version its tag names).
 */
export async function busyboxBinary(): Promise<string> {
  const sha256 = version('BUSYBOX_DEB_SHA256');
  const out = join(cacheRoot(), 'bin', `busybox-${sha256.slice(0, 16)}`);
  if (!(await pathExists(out))) {
    const deb = await fetchDebianPackage({ poolPath: version('BUSYBOX_DEB'), sha256 });
    await extractFromDeb(deb, 'usr/bin/busybox', out);
  }
  const banner = (await run([out], { timeoutMs: 10_000, allowFailure: true })).stdout.split('\n')[0] ?? '';
  const expected = `BusyBox v${version('BUSYBOX_VERSION')}`;
  if (!banner.startsWith(expected))
    throw new Error(
      `${out} says "${banner}", not ${expected}: fix BUSYBOX_* in infra/node-image/offline/versions.env`,
    );
  return out;
}
