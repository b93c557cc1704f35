/** Pure parsers for `docker` output, kept apart from the commands so they can be unit-tested. */

/** Non-empty trimmed lines. */
export function outputLines(stdout: string): string[] {
  return stdout
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

interface InspectedMount {
  Type?: string;
  Name?: string;
}

/** Names of Docker volumes mounted in containers, from `docker inspect --format '{{json .Mounts}}'` (one line each). */
export function parseVolumeNames(inspectOutput: string): string[] {
  const names = new Set<string>();
  for (const line of outputLines(inspectOutput)) {
    const mounts = JSON.parse(line) as InspectedMount[] | null;
    for (const mount of mounts ?? []) if (mount.Type === 'volume' && mount.Name) names.add(mount.Name);
  }
  return [...names];
}

const UNIT_BYTES: Record<string, number> = {
  B: 1,
  kB: 1e3,
  KB: 1e3,
  MB: 1e6,
  GB: 1e9,
  KiB: 1024,
  MiB: 1024 ** 2,
  GiB: 1024 ** 3,
};

/** "1.234GiB" → bytes. */
export function parseByteSize(text: string): number {
  const match = /^([\d.]+)\s*([a-zA-Z]+)$/.exec(text.trim());
  const factor = match ? UNIT_BYTES[match[2]!] : undefined;
  if (!match || factor === undefined) throw new Error(`unrecognised size "${text}"`);
  return Math.round(Number(match[1]) * factor);
}

/** `docker stats --no-stream --format '{{.Name}}\t{{.MemUsage}}'` → memory in use per container, in bytes. */
export function parseMemoryUsage(statsOutput: string): Map<string, number> {
  const usage = new Map<string, number>();
  for (const line of outputLines(statsOutput)) {
    const [name, memUsage] = line.split('\t');
    const used = memUsage?.split('/')[0];
    if (!name || !used) throw new Error(`unrecognised docker stats line "${line}"`);
    usage.set(name, parseByteSize(used));
  }
  return usage;
}

interface InspectedNetwork {
  IPAM?: { Config?: { Subnet?: string; Gateway?: string }[] | null };
}

/** IPv4 gateway of a network from `docker network inspect` JSON (an array with one network). */
export function parseNetworkGateway(inspectJson: string): string | null {
  const [network] = JSON.parse(inspectJson) as InspectedNetwork[];
  const ipv4 = network?.IPAM?.Config?.find((config) => config.Gateway && !config.Gateway.includes(':'));
  return ipv4?.Gateway ?? null;
}

interface PortBinding {
  HostIp?: string;
  HostPort?: string;
}

/**
 * The host address a container port is published on, from `docker inspect --format '{{json .NetworkSettings.Ports}}'`:
 * e.g. "6443/tcp" → { host: "127.0.0.1", port: 34567 }; null when it is not published on IPv4.
 */
export function parsePublishedPort(
  portsJson: string,
  containerPort: string,
): { host: string; port: number } | null {
  const ports = JSON.parse(portsJson) as Record<string, PortBinding[] | null> | null;
  for (const binding of ports?.[containerPort] ?? []) {
    const port = Number(binding.HostPort);
    if (!Number.isInteger(port) || port < 1 || port > 65535) continue;
    const ip = binding.HostIp ?? '';
    // published on every address: this host reaches it on loopback
    if (ip === '' || ip === '0.0.0.0') return { host: '127.0.0.1', port };
    if (/^\d{1,3}(\.\d{1,3}){3}$/.test(ip)) return { host: ip, port };
  }
  return null;
}
