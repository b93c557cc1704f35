import { access, readFile } from 'node:fs/promises';

/** Runs a file-system read, answering null when the path does not exist (any other failure still throws). */
export async function ifExists<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

export async function pathExists(path: string): Promise<boolean> {
  return (await ifExists(async () => (await access(path), true))) ?? false;
}

export function readTextIfExists(path: string): Promise<string | null> {
  return ifExists(() => readFile(path, 'utf8'));
}
