import { homedir } from 'node:os';
import { join } from 'node:path';

/** Root of cks-lab's build caches: $CKS_LAB_CACHE_DIR, else ~/.cache/cks-lab (never inside the repository). */
export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  return env.CKS_LAB_CACHE_DIR ?? join(homedir(), '.cache', 'cks-lab');
}
