import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { version } from './offline/versions.js';
import { onlineBase, versionOfBase } from './online/base.js';

export const NODE_IMAGE_REPO = 'cks-lab/node';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Everything that decides what is inside the node image; a change to any of it means a new tag. */
const IMAGE_INPUTS = ['infra/node-image', 'infra/runc-clamp', 'infra/netd', 'infra/imds'];

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map(async (entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return listFiles(path);
      return entry.name.endsWith('.test.ts') || entry.name.endsWith('_test.go') ? [] : [path];
    }),
  );
  return nested.flat();
}

/** sha256 over the image's input files (path + content), 12 hex characters. */
export async function nodeImageInputsHash(): Promise<string> {
  const hash = createHash('sha256');
  for (const input of IMAGE_INPUTS) {
    const files = (await listFiles(join(repoRoot, input)).catch(() => [])).sort();
    for (const file of files) {
      hash
        .update(relative(repoRoot, file))
        .update('\0')
        .update(await readFile(file))
        .update('\0');
    }
  }
  return hash.digest('hex').slice(0, 12);
}

/** The online image's inputs: this checkout's plus the base image it starts from. */
export async function onlineNodeImageInputsHash(): Promise<string> {
  return createHash('sha256')
    .update(`${await nodeImageInputsHash()}\0${onlineBase()}`)
    .digest('hex')
    .slice(0, 12);
}

/**
 * The node image tag this checkout builds (CKS_LAB_NODE_IMAGE overrides): offline cks-lab/node:v1.32.6-<hash>,
 * online cks-lab/node:v1.32.0-online-<hash> with the base image's version.
 */
export async function nodeImageTag(mode: 'offline' | 'online' = 'offline'): Promise<string> {
  if (process.env.CKS_LAB_NODE_IMAGE) return process.env.CKS_LAB_NODE_IMAGE;
  if (mode === 'online') {
    return `${NODE_IMAGE_REPO}:${versionOfBase(onlineBase())}-online-${await onlineNodeImageInputsHash()}`;
  }
  return `${NODE_IMAGE_REPO}:${version('KUBERNETES_VERSION')}-${await nodeImageInputsHash()}`;
}
