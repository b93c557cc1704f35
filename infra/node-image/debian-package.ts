import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { run } from '../../server/exec/run.js';
import { cacheRoot } from '../../server/files/cache-root.js';
import { pathExists } from '../../server/files/missing-ok.js';

/** A Debian package pinned by its pool path and the SHA256 its suite's (signed) Packages index lists. */
export interface PinnedDebianPackage {
  /** e.g. pool/main/b/busybox/busybox-static_1.37.0-6+b9_amd64.deb */
  poolPath: string;
  sha256: string;
}

const SOURCES_FILES = ['/etc/apt/sources.list.d/debian.sources', '/etc/apt/sources.list'];
const DOWNLOAD_TIMEOUT_MS = 5 * 60_000;

/** The Debian mirror the host's apt uses (as debootstrap.sh picks it), or deb.debian.org. */
export function debianMirror(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CKS_LAB_DEBIAN_MIRROR) return env.CKS_LAB_DEBIAN_MIRROR.replace(/\/+$/, '');
  for (const file of SOURCES_FILES) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    const match = /^URIs:\s*(\S+)/m.exec(text) ?? /^deb\s+(?:\[[^\]]*\]\s+)?(\S+)/m.exec(text);
    if (match?.[1] && !match[1].includes('security')) return match[1].replace(/\/+$/, '');
  }
  return 'http://deb.debian.org/debian';
}

/**
 * Downloads a pinned .deb into the build cache (once) after checking its SHA256, and returns the path. Used for a
 * package of another Debian suite than the host's, which apt on the host would not install.
 */
export async function fetchDebianPackage(pkg: PinnedDebianPackage): Promise<string> {
  const dir = join(cacheRoot(), 'debs');
  const file = join(dir, pkg.poolPath.split('/').pop()!);
  if (await pathExists(file)) return file;
  const url = `${debianMirror()}/${pkg.poolPath}`;
  const response = await fetch(url, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
  if (!response.ok)
    throw new Error(
      `${url} answered ${response.status}: the Debian mirror no longer serves this build; ` +
        'pin the current one (Filename and SHA256 from its suite Packages index) in infra/node-image/offline/versions.env',
    );
  const body = Buffer.from(await response.arrayBuffer());
  const actual = createHash('sha256').update(body).digest('hex');
  if (actual !== pkg.sha256)
    throw new Error(`${url}: SHA256 is ${actual}, versions.env pins ${pkg.sha256}; refusing to use it`);
  await mkdir(dir, { recursive: true });
  await writeFile(`${file}.tmp`, body);
  await rename(`${file}.tmp`, file);
  return file;
}

/** Extracts one file of a .deb (path inside the package, e.g. usr/bin/busybox) to `out`, executable. */
export async function extractFromDeb(deb: string, member: string, out: string): Promise<void> {
  const dir = `${out}.x`;
  await run(['rm', '-rf', '--', dir], { timeoutMs: 60_000 });
  await mkdir(dir, { recursive: true });
  await run(['dpkg-deb', '-x', '--', deb, dir], { timeoutMs: 2 * 60_000 });
  await writeFile(out, await readFile(join(dir, member)));
  await chmod(out, 0o755);
  await run(['rm', '-rf', '--', dir], { timeoutMs: 60_000 });
}
