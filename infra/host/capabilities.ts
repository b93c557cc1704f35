import { readFile } from 'node:fs/promises';

/** Capability names by number (linux/capability.h up to CAP_CHECKPOINT_RESTORE = 40). */
// prettier-ignore
export const CAPABILITY_NAMES = [
  'CAP_CHOWN', 'CAP_DAC_OVERRIDE', 'CAP_DAC_READ_SEARCH', 'CAP_FOWNER', 'CAP_FSETID', 'CAP_KILL', 'CAP_SETGID',
  'CAP_SETUID', 'CAP_SETPCAP', 'CAP_LINUX_IMMUTABLE', 'CAP_NET_BIND_SERVICE', 'CAP_NET_BROADCAST',
  'CAP_NET_ADMIN', 'CAP_NET_RAW', 'CAP_IPC_LOCK', 'CAP_IPC_OWNER', 'CAP_SYS_MODULE', 'CAP_SYS_RAWIO',
  'CAP_SYS_CHROOT', 'CAP_SYS_PTRACE', 'CAP_SYS_PACCT', 'CAP_SYS_ADMIN', 'CAP_SYS_BOOT', 'CAP_SYS_NICE',
  'CAP_SYS_RESOURCE', 'CAP_SYS_TIME', 'CAP_SYS_TTY_CONFIG', 'CAP_MKNOD', 'CAP_LEASE', 'CAP_AUDIT_WRITE',
  'CAP_AUDIT_CONTROL', 'CAP_SETFCAP', 'CAP_MAC_OVERRIDE', 'CAP_MAC_ADMIN', 'CAP_SYSLOG', 'CAP_WAKE_ALARM',
  'CAP_BLOCK_SUSPEND', 'CAP_AUDIT_READ', 'CAP_PERFMON', 'CAP_BPF', 'CAP_CHECKPOINT_RESTORE',
] as const;

/** The CapBnd mask from /proc/<pid>/status text. */
export function parseBoundingSet(status: string): bigint {
  const match = /^CapBnd:\s*([0-9a-fA-F]+)\s*$/m.exec(status);
  if (!match?.[1]) throw new Error('no CapBnd line in /proc/self/status');
  return BigInt(`0x${match[1]}`);
}

/**
 * Capabilities up to the kernel's last one that the bounding set lacks. A privileged container asks for all of
 * them (Docker grants every capability up to cap_last_cap), so any entry here makes `docker run --privileged` fail.
 */
export function capabilitiesMissingFrom(bounding: bigint, lastCap: number): string[] {
  const missing: string[] = [];
  for (let number = 0; number <= lastCap; number++) {
    if ((bounding & (1n << BigInt(number))) === 0n)
      missing.push(CAPABILITY_NAMES[number] ?? `capability ${number}`);
  }
  return missing;
}

/** What privileged containers on this host would be refused; empty on a normal host. */
export async function readMissingCapabilities(): Promise<string[]> {
  const [status, lastCap] = await Promise.all([
    readFile('/proc/self/status', 'utf8'),
    readFile('/proc/sys/kernel/cap_last_cap', 'utf8'),
  ]);
  return capabilitiesMissingFrom(parseBoundingSet(status), Number.parseInt(lastCap.trim(), 10));
}
