import { chmod, mkdir } from 'node:fs/promises';

/**
 * Creates dir (and missing parents) readable by this user only. Its mode is forced only when this call created it:
 * CKS_LAB_DATA_DIR may name a directory the operator owns (a home directory, "."), whose mode is theirs to choose;
 * the files in it are written 0600 instead. Returns whether the directory was created.
 */
export async function ensurePrivateDir(dir: string): Promise<boolean> {
  // mkdir reports the first directory it created; undefined when dir already existed
  const created = (await mkdir(dir, { recursive: true, mode: 0o700 })) !== undefined;
  // the umask may have taken bits from 0700 (e.g. 0277 leaves it unwritable): set exactly what was meant
  if (created) await chmod(dir, 0o700);
  return created;
}
