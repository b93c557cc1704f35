import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const OFFLINE_DIR = dirname(fileURLToPath(import.meta.url));

/** versions.env is the single source of pinned versions for the shell scripts and for TypeScript. */
export function readVersions(): Record<string, string> {
  const text = readFileSync(join(OFFLINE_DIR, 'versions.env'), 'utf8');
  const versions: Record<string, string> = {};
  for (const [index, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const match = /^([A-Z0-9_]+)=(.*)$/.exec(line);
    if (!match) throw new Error(`versions.env:${index + 1}: expected KEY=value, found "${line}"`);
    versions[match[1]!] = match[2]!.replace(/^"(.*)"$/, '$1');
  }
  return versions;
}

export function version(key: string): string {
  const value = readVersions()[key];
  if (!value) throw new Error(`versions.env has no ${key}`);
  return value;
}
