import { run, type RunResult } from '../../exec/run.js';
import {
  outputLines,
  parseMemoryUsage,
  parseNetworkGateway,
  parsePublishedPort,
  parseVolumeNames,
} from './docker-output.js';

/** The label kind puts on every node container. */
export const KIND_CLUSTER_LABEL = 'io.x-k8s.kind.cluster';
/** Our label on the per-cluster network, so leftovers can be found and attributed. */
export const CKS_LAB_CLUSTER_LABEL = 'io.cks-lab.cluster';

const QUICK = 30_000;
const SLOW = 120_000;

export interface DockerExecOptions {
  /** Written to the command's stdin (docker exec -i). */
  input?: string | Buffer;
  /** Allocate a TTY (docker exec -t). */
  tty?: boolean;
  env?: Record<string, string>;
  timeoutMs?: number;
  allowFailure?: boolean;
  signal?: AbortSignal;
  /** Kill the command once it has printed this much (run's default when absent). */
  maxOutputBytes?: number;
}

function execFlags(options: {
  interactive?: boolean;
  tty?: boolean;
  env?: Record<string, string>;
}): string[] {
  return [
    ...(options.interactive ? ['-i'] : []),
    ...(options.tty ? ['-t'] : []),
    ...Object.entries(options.env ?? {}).flatMap(([key, value]) => ['-e', `${key}=${value}`]),
  ];
}

/** Runs argv inside a container and captures its output. */
export function dockerExec(
  container: string,
  argv: readonly string[],
  options: DockerExecOptions = {},
): Promise<RunResult> {
  const flags = execFlags({ interactive: options.input !== undefined, tty: options.tty, env: options.env });
  return run(['docker', 'exec', ...flags, container, ...argv], {
    input: options.input,
    timeoutMs: options.timeoutMs ?? SLOW,
    allowFailure: options.allowFailure,
    signal: options.signal,
    maxOutputBytes: options.maxOutputBytes,
  });
}

/** Runs argv inside a container attached to this process's terminal; resolves to the command's exit code. */
export async function dockerExecAttached(
  container: string,
  argv: readonly string[],
  options: { tty: boolean; timeoutMs: number; env?: Record<string, string> },
): Promise<number> {
  const flags = execFlags({ interactive: true, tty: options.tty, env: options.env });
  const result = await run(['docker', 'exec', ...flags, container, ...argv], {
    stdio: 'inherit',
    timeoutMs: options.timeoutMs,
    allowFailure: true,
  });
  return result.exitCode;
}

/** Writes bytes to a file in a container in place (dd, not a rename, so bind-mounted files like /etc/hosts work). */
export async function writeContainerFile(
  container: string,
  path: string,
  content: Buffer | string,
  mode?: number,
): Promise<void> {
  const parent = path.slice(0, path.lastIndexOf('/')) || '/';
  await dockerExec(container, ['mkdir', '-p', '--', parent], { timeoutMs: QUICK });
  await dockerExec(container, ['dd', `of=${path}`, 'status=none'], { input: content });
  if (mode !== undefined)
    await dockerExec(container, ['chmod', mode.toString(8), '--', path], { timeoutMs: QUICK });
}

export async function dockerReachable(): Promise<{ ok: true } | { ok: false; reason: string }> {
  const result = await run(['docker', 'info', '--format', '{{.ServerVersion}}'], {
    allowFailure: true,
    timeoutMs: QUICK,
  }).catch((error: unknown) => ({ exitCode: -1, stdout: '', stderr: String(error) }));
  if (result.exitCode === 0 && result.stdout.trim()) return { ok: true };
  return {
    ok: false,
    reason: (result.stderr || result.stdout).trim().split('\n').slice(-1)[0] ?? 'docker info failed',
  };
}

export async function imageExists(ref: string): Promise<boolean> {
  const result = await run(['docker', 'image', 'inspect', '--format', '{{.Id}}', '--', ref], {
    allowFailure: true,
    timeoutMs: QUICK,
  });
  return result.exitCode === 0;
}

/** Saves images to a tarball on this host (docker save -o). */
export async function saveImages(refs: readonly string[], outPath: string): Promise<void> {
  await run(['docker', 'save', '-o', outPath, '--', ...refs], { timeoutMs: 10 * 60_000 });
}

/** A bridge network; `bridge` names its Linux bridge (the host firewall matches lab bridges by name). */
export async function createNetwork(
  name: string,
  labels: Record<string, string>,
  bridge: string,
): Promise<void> {
  const labelArgs = Object.entries(labels).flatMap(([key, value]) => ['--label', `${key}=${value}`]);
  const bridgeArgs = ['--opt', `com.docker.network.bridge.name=${bridge}`];
  await run(['docker', 'network', 'create', '--driver', 'bridge', ...labelArgs, ...bridgeArgs, '--', name], {
    timeoutMs: QUICK,
  });
}

/** Attaches a running container to one more network. */
export async function connectNetwork(network: string, container: string): Promise<void> {
  await run(['docker', 'network', 'connect', '--', network, container], { timeoutMs: QUICK });
}

/** Detaches every container from a network (no error when it does not exist), e.g. before removing it. */
export async function disconnectAll(network: string): Promise<void> {
  const listed = await run(
    ['docker', 'network', 'inspect', '--format', '{{range .Containers}}{{.Name}} {{end}}', '--', network],
    { allowFailure: true, timeoutMs: QUICK },
  );
  if (listed.exitCode !== 0) return;
  for (const container of listed.stdout.trim().split(/\s+/).filter(Boolean)) {
    await run(['docker', 'network', 'disconnect', '--force', '--', network, container], {
      allowFailure: true,
      timeoutMs: QUICK,
    });
  }
}

/** Removes a network; no error when it does not exist. */
export async function removeNetwork(name: string): Promise<void> {
  const result = await run(['docker', 'network', 'rm', '--', name], { allowFailure: true, timeoutMs: QUICK });
  if (result.exitCode !== 0 && (await networkExists(name))) {
    throw new Error(`could not remove Docker network ${name}: ${result.stderr.trim()}`);
  }
}

export async function networkExists(name: string): Promise<boolean> {
  const result = await run(['docker', 'network', 'inspect', '--format', '{{.Name}}', '--', name], {
    allowFailure: true,
    timeoutMs: QUICK,
  });
  return result.exitCode === 0;
}

/** A label's value on a network; null when the network does not exist. */
export async function networkLabel(name: string, label: string): Promise<string | null> {
  const result = await run(
    ['docker', 'network', 'inspect', '--format', `{{index .Labels "${label}"}}`, '--', name],
    {
      allowFailure: true,
      timeoutMs: QUICK,
    },
  );
  return result.exitCode === 0 ? result.stdout.trim() : null;
}

/** The host's address on a network (its IPv4 gateway). */
export async function networkGateway(name: string): Promise<string> {
  const result = await run(['docker', 'network', 'inspect', '--', name], { timeoutMs: QUICK });
  const gateway = parseNetworkGateway(result.stdout);
  if (!gateway) throw new Error(`Docker network ${name} has no IPv4 gateway`);
  return gateway;
}

/** Full IDs of the containers that still exist (the cgroup paths are named by them). */
export async function containerIds(containers: readonly string[]): Promise<string[]> {
  if (!containers.length) return [];
  const result = await run(['docker', 'inspect', '--format', '{{.Id}}', '--', ...containers], {
    allowFailure: true,
    timeoutMs: QUICK,
  });
  return outputLines(result.stdout).filter((id) => /^[0-9a-f]{64}$/.test(id));
}

/** Names of containers (running or not) that carry label=value. */
export async function containersWithLabel(label: string, value: string): Promise<string[]> {
  const result = await run(
    ['docker', 'ps', '--all', '--filter', `label=${label}=${value}`, '--format', '{{.Names}}'],
    { timeoutMs: QUICK },
  );
  return outputLines(result.stdout);
}

/** Names of the volumes mounted in these containers (kind nodes have an anonymous /var volume). */
export async function volumesOf(containers: readonly string[]): Promise<string[]> {
  if (!containers.length) return [];
  const result = await run(['docker', 'inspect', '--format', '{{json .Mounts}}', '--', ...containers], {
    timeoutMs: QUICK,
  });
  return parseVolumeNames(result.stdout);
}

/** Removes containers with their anonymous volumes; absent containers are not an error. */
export async function removeContainers(containers: readonly string[]): Promise<void> {
  if (!containers.length) return;
  await run(['docker', 'rm', '--force', '--volumes', '--', ...containers], {
    allowFailure: true,
    timeoutMs: SLOW,
  });
}

/** Removes volumes that still exist; returns the ones that could not be removed. */
export async function removeVolumes(volumes: readonly string[]): Promise<string[]> {
  const left: string[] = [];
  for (const volume of volumes) {
    const result = await run(['docker', 'volume', 'rm', '--', volume], {
      allowFailure: true,
      timeoutMs: QUICK,
    });
    if (result.exitCode !== 0 && !/no such volume/i.test(result.stderr))
      left.push(`${volume}: ${result.stderr.trim()}`);
  }
  return left;
}

/** Names of all volumes on the engine. */
export async function listVolumes(): Promise<string[]> {
  const result = await run(['docker', 'volume', 'ls', '--quiet'], { timeoutMs: QUICK });
  return outputLines(result.stdout);
}

/** IPv4 address of a container on a network. */
export async function containerIp(container: string, network: string): Promise<string> {
  const format = `{{with index .NetworkSettings.Networks "${network}"}}{{.IPAddress}}{{end}}`;
  const result = await run(['docker', 'inspect', '--format', format, '--', container], { timeoutMs: QUICK });
  const ip = result.stdout.trim();
  if (!ip) throw new Error(`container ${container} has no address on Docker network ${network}`);
  return ip;
}

/** Where this host reaches a container's published port (Docker's own port mapping, nothing read from inside). */
export async function publishedPort(
  container: string,
  containerPort: string,
): Promise<{ host: string; port: number }> {
  const result = await run(
    ['docker', 'inspect', '--format', '{{json .NetworkSettings.Ports}}', '--', container],
    {
      timeoutMs: QUICK,
      maxOutputBytes: 64 * 1024,
    },
  );
  const published = parsePublishedPort(result.stdout, containerPort);
  if (!published) throw new Error(`container ${container} does not publish port ${containerPort} on IPv4`);
  return published;
}

/** Memory in use per container right now (docker stats --no-stream), in bytes. */
export async function memoryUsage(containers: readonly string[]): Promise<Map<string, number>> {
  const result = await run(
    ['docker', 'stats', '--no-stream', '--format', '{{.Name}}\t{{.MemUsage}}', '--', ...containers],
    { timeoutMs: SLOW },
  );
  return parseMemoryUsage(result.stdout);
}

/** Last lines of a container's log (systemd's boot messages on a kind node): for error reports. */
export async function containerLogTail(container: string, lines: number): Promise<string> {
  const result = await run(['docker', 'logs', '--tail', String(lines), '--', container], {
    allowFailure: true,
    timeoutMs: QUICK,
  });
  return `${result.stdout}${result.stderr}`.trim();
}
