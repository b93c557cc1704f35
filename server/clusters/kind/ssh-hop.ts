import { pollUntil, type Deadline } from './deadline.js';
import { dockerExec, writeContainerFile } from './docker.js';

const KEY = '/root/.ssh/id_ed25519';

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

async function ensureKeyPair(controlPlane: string): Promise<string> {
  await dockerExec(controlPlane, ['mkdir', '-p', '-m', '700', '/root/.ssh'], { timeoutMs: 30_000 });
  const exists = await dockerExec(controlPlane, ['test', '-f', KEY], {
    allowFailure: true,
    timeoutMs: 30_000,
  });
  if (exists.exitCode !== 0) {
    await dockerExec(
      controlPlane,
      ['ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-C', 'root@controlplane', '-f', KEY],
      {
        timeoutMs: 30_000,
      },
    );
  }
  return (await dockerExec(controlPlane, ['cat', `${KEY}.pub`], { timeoutMs: 30_000 })).stdout;
}

/**
 * Makes `ssh <worker>` (and `ssh node01`, `ssh <worker ip>`) from the control-plane's root shell log in to the
 * worker as root without questions: a key pair made inside the control-plane, its public half authorised on the
 * worker, and the worker's host keys (generated at its boot) pinned in known_hosts.
 */
export async function setUpSshHop(
  controlPlane: string,
  worker: { name: string; aliases: readonly string[] },
  deadline: Deadline,
): Promise<void> {
  const publicKey = await ensureKeyPair(controlPlane);
  await writeContainerFile(worker.name, '/root/.ssh/authorized_keys', publicKey, 0o600);
  await dockerExec(worker.name, ['chmod', '700', '/root/.ssh'], { timeoutMs: 30_000 });

  const hosts = [worker.name, ...worker.aliases];
  const knownHosts = await pollUntil(
    `reading ${worker.name}'s ssh host keys (is sshd running there?)`,
    deadline,
    async () => {
      const scan = await dockerExec(controlPlane, ['ssh-keyscan', '-T', '3', ...hosts], {
        allowFailure: true,
        timeoutMs: 30_000,
      });
      if (keyscanCovers(scan.stdout, hosts)) return scan.stdout;
      throw new Error(scan.stderr.trim() || 'no host keys offered');
    },
  );
  await writeContainerFile(controlPlane, '/root/.ssh/known_hosts', knownHosts, 0o644);

  for (const host of hosts) {
    const login = await dockerExec(
      controlPlane,
      ['ssh', '-o', 'BatchMode=yes', '-o', 'ConnectTimeout=5', host, 'hostname'],
      { allowFailure: true, timeoutMs: 30_000 },
    );
    if (login.exitCode !== 0 || login.stdout.trim() !== worker.name) {
      throw new Error(
        `ssh ${host} from ${controlPlane} did not reach ${worker.name} (exit ${login.exitCode}): ` +
          `${(login.stderr || login.stdout).trim()}`,
      );
    }
  }
}
