import { copyFile, chmod, readFile, rename } from 'node:fs/promises';
import { buildRuncClamp } from '../runc-clamp/build.js';
import { CLAMP_INSTALL_PATH } from './daemon-config.js';
import { ifExists } from '../../server/files/missing-ok.js';

/** Builds the clamp and installs it at CLAMP_INSTALL_PATH; returns false when the same binary is already there. */
export async function installRuncClamp(signal?: AbortSignal): Promise<boolean> {
  const built = await buildRuncClamp({ signal });
  const [fresh, installed] = await Promise.all([
    readFile(built),
    ifExists(() => readFile(CLAMP_INSTALL_PATH)),
  ]);
  if (installed?.equals(fresh)) return false;
  // rename over the old binary: runc invocations in flight keep executing the inode they opened
  const partial = `${CLAMP_INSTALL_PATH}.partial`;
  await copyFile(built, partial);
  await chmod(partial, 0o755);
  await rename(partial, CLAMP_INSTALL_PATH);
  return true;
}
