import { labBridgeName } from '../../host-firewall/bridge.js';
import {
  connectNetwork,
  containerIp,
  createNetwork,
  disconnectAll,
  dockerExec,
  removeNetwork,
  writeContainerFile,
} from './docker.js';
import { keyscanCovers } from './ssh-mesh.js';
import { controlPlaneNodeName, validateClusterName } from './names.js';

/** Our label on a link network, so it is never taken for a cluster's own. */
export const CKS_LAB_LINK_LABEL = 'io.cks-lab.link';
const QUICK = 30_000;
const MARK = '# cks-lab link';
const PUBLIC_KEY = /^ssh-ed25519 [A-Za-z0-9+/]+=* \S+$/;

export function linkNetworkName(link: string): string {
  return `cks-link-${link}`;
}

/** The name each linked control-plane answers to: prefix + its 1-based place ("cks-exam-2"). */
export function linkHostName(prefix: string, index: number): string {
  return `${prefix}${index + 1}`;
}

/**
 * Joins the control-planes of several clusters on a network of their own and lets each `ssh <prefix>N` into the
 * others as root (the exam's hops between its clusters). The network's bridge is a lab bridge, so the host
 * firewall treats it as it treats a lab's own: nothing leaves it for the host, the internet or another lab. Ordered
 * steps: if one fails, the network made so far is removed.
 */
export async function linkClusters(link: string, clusters: readonly string[], prefix: string): Promise<void> {
  validateClusterName(link, 'link name');
  const network = linkNetworkName(link);
  await createNetwork(network, { [CKS_LAB_LINK_LABEL]: link }, labBridgeName(`link/${link}`));
  try {
    const nodes = clusters.map((cluster, index) => ({
      container: controlPlaneNodeName(validateClusterName(cluster)),
      host: linkHostName(prefix, index),
    }));
    for (const node of nodes) await connectNetwork(network, node.container);
    const aliases = await Promise.all(
      nodes.map(async (node) => `${await containerIp(node.container, network)}\t${node.host} ${MARK}`),
    );
    const keys: string[] = [];
    for (const node of nodes) {
      await appendLines(node.container, '/etc/hosts', aliases);
      keys.push(await publicKey(node.container));
    }
    const hosts = nodes.map((node) => node.host);
    const scan = await dockerExec(nodes[0]?.container ?? '', ['ssh-keyscan', '-T', '3', ...hosts], {
      allowFailure: true,
      timeoutMs: QUICK,
    });
    if (!keyscanCovers(scan.stdout, hosts)) {
      throw new Error(`the linked control-planes offered no ssh host keys: ${scan.stderr.trim()}`);
    }
    const knownHosts = scan.stdout.split('\n').filter((line) => line.trim() && !line.startsWith('#'));
    for (const node of nodes) {
      await appendLines(node.container, '/root/.ssh/authorized_keys', keys, 0o600);
      await appendLines(node.container, '/root/.ssh/known_hosts', knownHosts);
    }
    for (const from of nodes)
      for (const to of nodes) {
        const login = await dockerExec(
          from.container,
          ['ssh', '-o', 'BatchMode=yes', '-o', 'ConnectTimeout=5', to.host, 'true'],
          { allowFailure: true, timeoutMs: QUICK },
        );
        if (login.exitCode !== 0) {
          throw new Error(
            `ssh ${to.host} from ${from.host} failed: ${(login.stderr || login.stdout).trim()}`,
          );
        }
      }
  } catch (error) {
    await unlinkClusters(link);
    throw error;
  }
}

/** Detaches the control-planes and removes the link network; no error when there is none. */
export async function unlinkClusters(link: string): Promise<void> {
  const network = linkNetworkName(validateClusterName(link, 'link name'));
  await disconnectAll(network);
  await removeNetwork(network);
}

/** The node's root public key (made by the ssh mesh at create), checked to be one. */
async function publicKey(container: string): Promise<string> {
  const read = await dockerExec(container, ['cat', '/root/.ssh/id_ed25519.pub'], {
    timeoutMs: QUICK,
    maxOutputBytes: 4096,
  });
  const key = read.stdout.trim();
  if (!PUBLIC_KEY.test(key)) throw new Error(`${container} holds no ed25519 public key for root`);
  return key;
}

/** Appends the lines a file does not hold yet (written in place, as /etc/hosts is Docker's bind mount). */
async function appendLines(
  container: string,
  path: string,
  lines: readonly string[],
  mode?: number,
): Promise<void> {
  const current = (
    await dockerExec(container, ['cat', path], {
      allowFailure: true,
      timeoutMs: QUICK,
      maxOutputBytes: 1048576,
    })
  ).stdout;
  const present = new Set(current.split('\n'));
  const missing = lines.filter((line) => !present.has(line));
  if (!missing.length) return;
  const base = current === '' || current.endsWith('\n') ? current : `${current}\n`;
  await writeContainerFile(container, path, `${base}${missing.join('\n')}\n`, mode);
}
