import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { run } from '../../server/exec/run.js';
import { ifExists, readTextIfExists } from '../../server/files/missing-ok.js';

/** kind's known-issues values: many clusters exhaust the distro defaults ("too many open files"). */
export const INOTIFY_LIMITS = {
  'fs.inotify.max_user_instances': 512,
  'fs.inotify.max_user_watches': 524288,
} as const;

export const SYSCTL_FILE = '/etc/sysctl.d/60-cks-lab-inotify.conf';

export function procSysPath(key: string): string {
  return `/proc/sys/${key.replaceAll('.', '/')}`;
}

export async function readSysctl(key: string): Promise<number> {
  return Number.parseInt((await readFile(procSysPath(key), 'utf8')).trim(), 10);
}

/** Raises (never lowers) the live inotify limits and persists them; returns what it did. */
export async function raiseInotifyLimits(): Promise<string[]> {
  const done: string[] = [];
  for (const [key, wanted] of Object.entries(INOTIFY_LIMITS)) {
    const current = await readSysctl(key);
    if (current >= wanted) continue;
    await run(['sysctl', '-w', `${key}=${wanted}`], { timeoutMs: 10_000 });
    done.push(`${key}: ${current} → ${wanted}`);
  }
  const persisted = Object.entries(INOTIFY_LIMITS)
    .map(([key, value]) => `${key} = ${value}\n`)
    .join('');
  const content = `# written by cks-lab host prepare: kind needs more inotify instances than distro defaults\n${persisted}`;
  if ((await readTextIfExists(SYSCTL_FILE)) !== content) {
    await writeFile(SYSCTL_FILE, content, { mode: 0o644 });
    done.push(`wrote ${SYSCTL_FILE}`);
  }
  return done;
}

/** kind bind-mounts /lib/modules read-only into every node; hosts without kernel modules lack it. */
export async function ensureLibModules(): Promise<boolean> {
  const existing = await ifExists(() => stat('/lib/modules'));
  if (existing?.isDirectory()) return false;
  if (existing) throw new Error('/lib/modules exists but is not a directory; kind needs a directory there');
  await mkdir('/lib/modules', { mode: 0o755 });
  return true;
}
