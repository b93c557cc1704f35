import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cacheRoot } from '../files/cache-root.js';
import { ifExists } from '../files/missing-ok.js';
import { InvalidCredentialsError, MissingCredentialsError } from './errors.js';
import type { ClusterCredentials } from './types.js';
import { validateCredentials } from './validate-credentials.js';

/** Cluster names are checked by the provider; this only keeps a file name from leaving the folder. */
const FILE_SAFE_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;
/** One stored file is four PEM blocks and a URL; anything much bigger was not written by us. */
const MAX_FILE_BYTES = 64 * 1024;

/**
 * Where credentials live: beside the kind binary under the cache root (~/.cache/cks-lab, or $CKS_LAB_CACHE_DIR).
 * Clusters belong to the host's Docker engine, not to one server's data dir, and `cks-lab scenario grade --cluster`
 * run from any folder must find what `serve` (or `cluster create`) captured; the cache root is the one place every
 * cks-lab process of this user agrees on (CKS_LAB_DATA_DIR defaults to ./data, relative to where it runs).
 */
export function defaultCredentialsDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(cacheRoot(env), 'cluster-credentials');
}

/**
 * The server-side home of every cluster's grader credentials: a private folder (0700) with one file (0600) per
 * cluster, written when the cluster is created and removed when it is deleted.
 */
export class CredentialStore {
  constructor(readonly dir: string = defaultCredentialsDir()) {}

  private file(cluster: string): string {
    if (!FILE_SAFE_NAME.test(cluster)) throw new InvalidCredentialsError(`invalid cluster name "${cluster}"`);
    return join(this.dir, `${cluster}.json`);
  }

  /** Validates and writes atomically (temp file, then rename), so a reader never sees half a file. */
  async save(cluster: string, credentials: ClusterCredentials): Promise<void> {
    const valid = validateCredentials(credentials);
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    await chmod(this.dir, 0o700); // mkdir's mode does not apply to a folder that already existed
    const target = this.file(cluster);
    const temp = `${target}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await writeFile(temp, `${JSON.stringify(valid, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
      await rename(temp, target);
    } finally {
      await rm(temp, { force: true });
    }
  }

  /** The cluster's credentials; MissingCredentialsError when none were captured. */
  async load(cluster: string): Promise<ClusterCredentials> {
    const text = await ifExists(() => readFile(this.file(cluster), 'utf8'));
    if (text === null) throw new MissingCredentialsError(cluster);
    if (Buffer.byteLength(text) > MAX_FILE_BYTES)
      throw new InvalidCredentialsError(`stored credentials of cluster "${cluster}" are too large`);
    return validateCredentials(parseStored(text, cluster));
  }

  async has(cluster: string): Promise<boolean> {
    return (await ifExists(() => readFile(this.file(cluster), 'utf8'))) !== null;
  }

  /** Forgets a cluster's credentials; no error when there are none. */
  async remove(cluster: string): Promise<void> {
    await rm(this.file(cluster), { force: true });
  }
}

function parseStored(text: string, cluster: string): ClusterCredentials {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    throw new InvalidCredentialsError(
      `stored credentials of cluster "${cluster}" are not JSON: ${error.message}`,
    );
  }
  const record = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const field = (key: keyof ClusterCredentials): string => {
    const text = record[key];
    if (typeof text !== 'string')
      throw new InvalidCredentialsError(`stored credentials of cluster "${cluster}" have no ${key}`);
    return text;
  };
  return {
    server: field('server'),
    caCert: field('caCert'),
    clientCert: field('clientCert'),
    clientKey: field('clientKey'),
  };
}
