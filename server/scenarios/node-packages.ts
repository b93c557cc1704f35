import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { cacheRoot } from '../files/cache-root.js';
import { pathExists } from '../files/missing-ok.js';
import { run as defaultRun, type RunOptions, type RunResult } from '../exec/run.js';

/**
 * Add-on tools a scenario needs on its nodes (bpftrace, ...) that the base node image does not carry: Debian
 * packages of the node's own release, resolved against the node's installed packages by this host's apt and
 * downloaded once into the build cache. Nothing is fetched inside a lab; the packages come from the same signed
 * Debian archive as the node's own.
 */

/** A Debian package name (policy manual 5.6.7): what apt-get accepts as a plain name, never an option. */
export const DEBIAN_PACKAGE_NAME = /^[a-z0-9][a-z0-9+.-]+$/;

export const nodePackagesSchema = z
  .array(z.string().regex(DEBIAN_PACKAGE_NAME, 'a Debian package name, e.g. bpftrace'))
  .default([])
  .describe(
    "Debian packages of the node's release installed on every node before setup, for tools the base node image " +
      'does not carry (downloaded once on this host, never inside a lab)',
  );

export type CommandRunner = (argv: readonly string[], options?: RunOptions) => Promise<RunResult>;

/** What the node says about itself; read before the learner has a shell there. */
export interface NodeRelease {
  /** VERSION_CODENAME from the node's /etc/os-release, e.g. bookworm */
  codename: string;
  /** the node's /var/lib/dpkg/status: what it already has installed */
  dpkgStatus: string;
}

/** A resolved set: .deb files in install order does not matter (dpkg -i orders them itself). */
export interface NodePackageSet {
  dir: string;
  files: string[];
}

export class NodePackagesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NodePackagesError';
  }
}

const APT_TIMEOUT_MS = 10 * 60_000;
const MANIFEST = 'debs.json';

/** VERSION_CODENAME from os-release text, or undefined. */
export function codenameOf(osRelease: string): string | undefined {
  const match = /^VERSION_CODENAME="?([a-z0-9-]+)"?\s*$/m.exec(osRelease);
  return match?.[1];
}

/** The cache folder for these packages on a node in this state: same inputs, same .debs. */
export function packageSetKey(packages: readonly string[], node: NodeRelease): string {
  const hash = createHash('sha256');
  hash.update(`${node.codename}\n${[...new Set(packages)].sort().join(' ')}\n`);
  hash.update(node.dpkgStatus);
  return hash.digest('hex').slice(0, 20);
}

/**
 * Downloads (once) the .debs that installing `packages` on a node with this dpkg status needs, and returns them.
 * The host's apt must index the node's Debian release: the node image is debootstrapped from the host's mirror.
 */
export async function ensureNodePackages(
  packages: readonly string[],
  node: NodeRelease,
  options: { runCommand?: CommandRunner; hostOsRelease?: string; cacheDir?: string } = {},
): Promise<NodePackageSet> {
  for (const name of packages) {
    if (!DEBIAN_PACKAGE_NAME.test(name))
      throw new NodePackagesError(`"${name}" is not a Debian package name`);
  }
  const runCommand = options.runCommand ?? defaultRun;
  const dir = join(options.cacheDir ?? join(cacheRoot(), 'node-packages'), packageSetKey(packages, node));
  const cached = await readManifest(dir);
  if (cached) return { dir, files: cached };

  const hostOsRelease = options.hostOsRelease ?? (await readFile('/etc/os-release', 'utf8'));
  const hostCodename = codenameOf(hostOsRelease);
  if (hostCodename !== node.codename) {
    throw new NodePackagesError(
      `the nodes run Debian ${node.codename} but this host's apt indexes ${hostCodename ?? 'an unknown release'}: ` +
        `fetch the node packages (${packages.join(', ')}) on a ${node.codename} host`,
    );
  }
  const work = `${dir}.partial-${process.pid}`;
  await rm(work, { recursive: true, force: true });
  await mkdir(join(work, 'archives', 'partial'), { recursive: true });
  try {
    await writeFile(join(work, 'status'), node.dpkgStatus);
    const result = await runCommand(
      [
        'apt-get',
        '-q',
        '-y',
        '--download-only',
        '--no-install-recommends',
        '-o',
        `Dir::State::status=${join(work, 'status')}`,
        '-o',
        `Dir::Cache::archives=${join(work, 'archives')}`,
        '-o',
        'Debug::NoLocking=1',
        'install',
        '--',
        ...packages,
      ],
      { timeoutMs: APT_TIMEOUT_MS, allowFailure: true },
    );
    if (result.exitCode !== 0) {
      throw new NodePackagesError(
        `apt-get could not fetch ${packages.join(', ')} for the nodes (exit ${result.exitCode}): ` +
          `${lastLines(result.stderr || result.stdout)}; if a package is unknown, run apt-get update on this host`,
      );
    }
    const files = (await readdir(join(work, 'archives'))).filter((name) => name.endsWith('.deb')).sort();
    for (const file of files) await rename(join(work, 'archives', file), join(work, file));
    await rm(join(work, 'archives'), { recursive: true, force: true });
    await rm(join(work, 'status'), { force: true });
    await writeFile(join(work, MANIFEST), `${JSON.stringify(files)}\n`);
    await rm(dir, { recursive: true, force: true });
    await rename(work, dir);
    return { dir, files };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function readManifest(dir: string): Promise<string[] | undefined> {
  const manifest = join(dir, MANIFEST);
  if (!(await pathExists(manifest))) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(await readFile(manifest, 'utf8'));
  } catch {
    return undefined; // a torn write: fetch again
  }
  const parsed = z.array(z.string().regex(/^[A-Za-z0-9+.~_%-]+\.deb$/)).safeParse(json);
  if (!parsed.success) return undefined;
  for (const file of parsed.data) if (!(await pathExists(join(dir, file)))) return undefined;
  return parsed.data;
}

function lastLines(text: string): string {
  return text.trim().split('\n').slice(-3).join(' | ');
}
