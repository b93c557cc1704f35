import { readFile } from 'node:fs/promises';

export interface HostIdentity {
  isRoot: boolean;
  /** PRETTY_NAME from /etc/os-release, or "unknown OS". */
  osName: string;
  /** Debian or a derivative (ID or ID_LIKE names debian or ubuntu): apt and dpkg are there. */
  isDebianLike: boolean;
}

/** KEY=value pairs of an os-release file (quotes removed, comments skipped). */
export function parseOsRelease(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (!match?.[1] || match[2] === undefined) continue;
    fields[match[1]] = match[2].replace(/^(["'])(.*)\1$/, '$2');
  }
  return fields;
}

export function identityFrom(osRelease: Record<string, string>, uid: number): HostIdentity {
  const family = [osRelease.ID ?? '', ...(osRelease.ID_LIKE ?? '').split(/\s+/)];
  return {
    isRoot: uid === 0,
    osName: osRelease.PRETTY_NAME ?? osRelease.ID ?? 'unknown OS',
    isDebianLike: family.some((id) => id === 'debian' || id === 'ubuntu'),
  };
}

export async function readHostIdentity(): Promise<HostIdentity> {
  let osRelease: Record<string, string> = {};
  try {
    osRelease = parseOsRelease(await readFile('/etc/os-release', 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return identityFrom(osRelease, process.getuid?.() ?? -1);
}
