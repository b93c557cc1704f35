import { pollUntil, type Deadline } from './deadline.js';
import { dockerExec, writeContainerFile } from './docker.js';

const KEY = '/root/.ssh/id_ed25519';
const QUICK = 30_000;
/** A public key line is ~100 bytes; anything much longer did not come from ssh-keygen. */
const MAX_PUBLIC_KEY_BYTES = 4096;
const PUBLIC_KEY = /^ssh-ed25519 [A-Za-z0-9+/]+=* \S+$/;

export interface SshNode {
  /** the container (Docker's DNS resolves it on the lab network) */
  name: string;
  /** the exam name: the node's hostname and its /etc/hosts alias */
  examName: string;
  ip: string;
}

/** True when ssh-keyscan output holds at least one host key for every host. */
export function keyscanCovers(keyscanOutput: string, hosts: readonly string[]): boolean {
  const scanned = new Set(
    keyscanOutput
      .split('\n')
      .filter((line) => line.trim() && !line.startsWith('#'))
      .map((line) => line.split(/\s+/)[0]),
  );
  return hosts.every((host) => scanned.has(host));
}

/** Every name a node answers to over ssh. */
export function sshHosts(node: SshNode): string[] {
  return [node.examName, node.name, node.ip];
}

async function ensureKeyPair(node: SshNode): Promise<string> {
  await dockerExec(node.name, ['mkdir', '-p', '-m', '700', '/root/.ssh'], { timeoutMs: QUICK });
  const exists = await dockerExec(node.name, ['test', '-f', KEY], { allowFailure: true, timeoutMs: QUICK });
  if (exists.exitCode !== 0) {
    await dockerExec(
      node.name,
      ['ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-C', `root@${node.examName}`, '-f', KEY],
      { timeoutMs: QUICK },
    );
  }
  const read = await dockerExec(node.name, ['cat', `${KEY}.pub`], {
    timeoutMs: QUICK,
    maxOutputBytes: MAX_PUBLIC_KEY_BYTES,
  });
  const key = read.stdout.trim();
  if (!PUBLIC_KEY.test(key)) throw new Error(`ssh-keygen on ${node.name} wrote no ed25519 public key`);
  return key;
}

/**
 * Makes `ssh controlplane` and `ssh node01` (and each node's container name and IP) log in as root without
 * questions from every node, as on the exam and on Killercoda, where scripts hop between the nodes: a key pair made
 * inside each node, every public half authorised on every node, and every node's host keys (generated at its boot)
 * pinned in every known_hosts. Runs at create time, before anyone has a shell in the lab.
 */
export async function setUpSshMesh(nodes: readonly SshNode[], deadline: Deadline): Promise<void> {
  const first = nodes[0];
  if (!first) return;
  const publicKeys: string[] = [];
  for (const node of nodes) publicKeys.push(await ensureKeyPair(node));
  const hosts = nodes.flatMap(sshHosts);
  const knownHosts = await pollUntil(
    'reading the nodes’ ssh host keys (is sshd running?)',
    deadline,
    async () => {
      const scan = await dockerExec(first.name, ['ssh-keyscan', '-T', '3', ...hosts], {
        allowFailure: true,
        timeoutMs: QUICK,
      });
      if (keyscanCovers(scan.stdout, hosts)) return scan.stdout;
      throw new Error(scan.stderr.trim() || 'no host keys offered');
    },
  );
  for (const node of nodes) {
    await writeContainerFile(node.name, '/root/.ssh/authorized_keys', `${publicKeys.join('\n')}\n`, 0o600);
    await writeContainerFile(node.name, '/root/.ssh/known_hosts', knownHosts, 0o644);
  }
  for (const from of nodes) {
    for (const to of nodes) await expectLogin(from, to);
  }
}

/** `ssh <exam name> hostname` from one node lands on the other (or the same) node. */
async function expectLogin(from: SshNode, to: SshNode): Promise<void> {
  const login = await dockerExec(
    from.name,
    ['ssh', '-o', 'BatchMode=yes', '-o', 'ConnectTimeout=5', to.examName, 'hostname'],
    { allowFailure: true, timeoutMs: QUICK },
  );
  if (login.exitCode !== 0 || login.stdout.trim() !== to.examName) {
    throw new Error(
      `ssh ${to.examName} from ${from.examName} did not reach ${to.name} (exit ${login.exitCode}): ` +
        `${(login.stderr || login.stdout).trim()}`,
    );
  }
}
