import { INOTIFY_LIMITS, readSysctl } from '../../infra/host/kernel-settings.js';
import { HOST_PREPARE, type CheckResult } from './types.js';

const NAME = 'inotify limits';

export async function checkInotify(): Promise<CheckResult> {
  const low: string[] = [];
  const seen: string[] = [];
  for (const [key, wanted] of Object.entries(INOTIFY_LIMITS)) {
    const current = await readSysctl(key);
    seen.push(`${key.split('.').at(-1)}=${current}`);
    if (current < wanted) low.push(`${key}=${wanted}`);
  }
  if (low.length === 0) return { name: NAME, ok: true, detail: seen.join(', ') };
  return {
    name: NAME,
    ok: false,
    detail: `${seen.join(', ')} (kind nodes need more: "too many open files" otherwise)`,
    fix: `${HOST_PREPARE}, or: sudo sysctl -w ${low.join(' ')}`,
  };
}
