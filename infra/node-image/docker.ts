import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, type RunOptions } from '../../server/exec/run.js';

// The legacy builder resolves FROM against local images only, which is what an offline build needs.
const BUILD_ENV = { ...process.env, DOCKER_BUILDKIT: '0' };
const LONG = 30 * 60_000;

export async function imageExists(ref: string): Promise<boolean> {
  const result = await run(['docker', 'image', 'inspect', '--format', '{{.Id}}', '--', ref], {
    allowFailure: true,
    timeoutMs: 30_000,
  });
  return result.exitCode === 0;
}

/** Builds an image from a generated Dockerfile and a context folder. */
export async function buildImage(
  contextDir: string,
  dockerfile: string,
  tags: readonly string[],
  options: RunOptions = {},
): Promise<void> {
  const dockerfilePath = join(contextDir, 'Dockerfile.cks-lab');
  await writeFile(dockerfilePath, dockerfile);
  const tagArgs = tags.flatMap((tag) => ['-t', tag]);
  await run(['docker', 'build', '-q', '-f', dockerfilePath, ...tagArgs, contextDir], {
    timeoutMs: LONG,
    env: BUILD_ENV,
    ...options,
  });
}

/** Imports a rootfs tarball as an image. */
export async function importImage(
  tarPath: string,
  tag: string,
  changes: readonly string[] = [],
): Promise<void> {
  await run(['docker', 'import', ...changes.flatMap((c) => ['--change', c]), tarPath, tag], {
    timeoutMs: LONG,
  });
}

export async function saveImages(refs: readonly string[], outPath: string): Promise<void> {
  await run(['docker', 'save', '-o', outPath, ...refs], { timeoutMs: LONG });
}

export async function removeImages(refs: readonly string[]): Promise<void> {
  if (refs.length)
    await run(['docker', 'image', 'rm', '--force', ...refs], { allowFailure: true, timeoutMs: LONG });
}

/**
 * Starts a node image as an idle privileged container (sleep instead of systemd), with /run and /tmp on tmpfs as
 * in a kind node, so containerd can be run and inspected inside it without booting the node.
 */
export async function startIdleNodeContainer(
  name: string,
  image: string,
  extraArgs: readonly string[] = [],
): Promise<void> {
  await removeContainer(name);
  await run(
    [
      'docker',
      'run',
      '-d',
      '--privileged',
      '--name',
      name,
      '--tmpfs',
      '/run',
      '--tmpfs',
      '/tmp',
      ...extraArgs,
      '--entrypoint',
      '/bin/sleep',
      image,
      'infinity',
    ],
    { timeoutMs: 120_000 },
  );
}

export async function removeContainer(name: string): Promise<void> {
  await run(['docker', 'rm', '--force', '--volumes', name], { allowFailure: true, timeoutMs: 120_000 });
}

/** A temporary folder removed after fn, whatever happens. */
export async function withTempDir<T>(prefix: string, fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(process.env.CKS_LAB_BUILD_TMP ?? tmpdir(), prefix));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
