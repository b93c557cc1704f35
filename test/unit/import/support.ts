import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/killercoda/', import.meta.url));

/** A scratch folder, removed after the callback. */
export async function withTempDir<T>(run: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'cks-import-'));
  try {
    return await run(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A copy of a fixture in a scratch folder, for tests that break it. */
export async function fixtureCopy(name: string, dir: string): Promise<string> {
  const copy = join(dir, name);
  await cp(join(FIXTURES, name), copy, { recursive: true });
  return copy;
}
