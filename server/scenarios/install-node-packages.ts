import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ClusterProvider } from '../clusters/types.js';
import { codenameOf, ensureNodePackages, NodePackagesError, type NodePackageSet } from './node-packages.js';

/** Where the .debs wait on a node while dpkg installs them; removed afterwards. */
const NODE_DEB_DIR = '/var/cache/cks-lab/node-packages';
const READ_TIMEOUT_MS = 60_000;
const DPKG_TIMEOUT_MS = 5 * 60_000;
/** A node image's dpkg status is ~1 MiB; more means something other than a fresh node answered. */
const MAX_STATUS_BYTES = 16 * 1024 * 1024;

export interface InstallTarget {
  provider: Pick<ClusterProvider, 'exec' | 'copyToNode'>;
  cluster: string;
  /** every node of the cluster, the control-plane first */
  nodes: readonly string[];
}

export interface InstallOptions {
  /** resolves and downloads the set (default: ensureNodePackages with this host's apt) */
  resolve?: typeof ensureNodePackages;
  info?: (message: string) => void;
}

/**
 * Installs Debian packages on every node: reads the first node's release and installed packages (before any
 * learner has a shell there), fetches the missing .debs on this host once, then copies them in and runs dpkg.
 */
export async function installNodePackages(
  target: InstallTarget,
  packages: readonly string[],
  options: InstallOptions = {},
): Promise<NodePackageSet | undefined> {
  if (!packages.length) return undefined;
  const [first] = target.nodes;
  if (!first) throw new NodePackagesError(`cluster "${target.cluster}" has no nodes`);
  const read = async (path: string) =>
    (
      await target.provider.exec(target.cluster, first, ['cat', '--', path], {
        timeoutMs: READ_TIMEOUT_MS,
        maxOutputBytes: MAX_STATUS_BYTES,
      })
    ).stdout;
  const codename = codenameOf(await read('/etc/os-release'));
  if (!codename) throw new NodePackagesError(`node ${first} names no VERSION_CODENAME in /etc/os-release`);
  const set = await (options.resolve ?? ensureNodePackages)(packages, {
    codename,
    dpkgStatus: await read('/var/lib/dpkg/status'),
  });
  if (!set.files.length) return set;
  options.info?.(`${set.files.length} .deb file(s) for ${packages.join(', ')}`);
  const contents = await Promise.all(set.files.map((file) => readFile(join(set.dir, file))));
  for (const node of target.nodes) {
    for (const [index, file] of set.files.entries()) {
      await target.provider.copyToNode(target.cluster, node, contents[index]!, `${NODE_DEB_DIR}/${file}`);
    }
    const installed = await target.provider.exec(
      target.cluster,
      node,
      ['dpkg', '--install', '--', ...set.files.map((file) => `${NODE_DEB_DIR}/${file}`)],
      { timeoutMs: DPKG_TIMEOUT_MS, allowFailure: true },
    );
    await target.provider.exec(target.cluster, node, ['rm', '-rf', '--', NODE_DEB_DIR], {
      timeoutMs: READ_TIMEOUT_MS,
    });
    if (installed.exitCode !== 0) {
      throw new NodePackagesError(
        `dpkg could not install ${packages.join(', ')} on ${node} (exit ${installed.exitCode}): ` +
          installed.stderr.trim().split('\n').slice(-3).join(' | '),
      );
    }
  }
  return set;
}
