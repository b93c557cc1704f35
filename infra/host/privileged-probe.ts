import { randomBytes } from 'node:crypto';
import { chmod, copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../server/exec/run.js';

/** A one-file image (static busybox) imported locally: no registry is ever needed to probe the engine. */
export const PROBE_IMAGE = 'cks-lab/host-probe:busybox';
export const BUSYBOX_PATH = '/bin/busybox';
const PROBE_LABEL = 'io.cks-lab.host-probe=1';
const DOCKER_TIMEOUT_MS = 60_000;

export interface ProbeOptions {
  env?: NodeJS.ProcessEnv;
}

/** Imports PROBE_IMAGE from the host's static busybox unless present; returns whether it imported. */
export async function ensureProbeImage(options: ProbeOptions = {}): Promise<boolean> {
  const inspect = await run(['docker', 'image', 'inspect', '--format', '{{.Id}}', PROBE_IMAGE], {
    env: options.env,
    allowFailure: true,
    timeoutMs: DOCKER_TIMEOUT_MS,
  });
  if (inspect.exitCode === 0) return false;
  const work = await mkdtemp(join(tmpdir(), 'cks-lab-probe-'));
  try {
    await mkdir(join(work, 'rootfs', 'bin'), { recursive: true });
    await copyFile(BUSYBOX_PATH, join(work, 'rootfs', 'bin', 'busybox')).catch(
      (error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
        throw new Error(
          `${BUSYBOX_PATH} is missing: install Debian's busybox-static (sudo npx cks-lab host prepare)`,
        );
      },
    );
    await chmod(join(work, 'rootfs', 'bin', 'busybox'), 0o755);
    const tarball = join(work, 'probe.tar');
    await run(['tar', '-C', join(work, 'rootfs'), '-cf', tarball, 'bin'], { timeoutMs: DOCKER_TIMEOUT_MS });
    await run(['docker', 'import', '--message', 'cks-lab host probe', tarball, PROBE_IMAGE], {
      env: options.env,
      timeoutMs: DOCKER_TIMEOUT_MS,
    });
    return true;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * Proves what kind needs from the engine: a privileged container starts, and `docker exec` into a privileged
 * container works (exec takes its capabilities from a separate process spec, so it can fail on its own).
 * Throws a CommandError carrying Docker's message when either does not.
 */
export async function probePrivileged(options: ProbeOptions = {}): Promise<void> {
  await ensureProbeImage(options);
  const docker = (args: string[], allowFailure = false) =>
    run(['docker', ...args], { env: options.env, timeoutMs: DOCKER_TIMEOUT_MS, allowFailure });
  const common = ['--privileged', '--network', 'none', '--label', PROBE_LABEL];
  await docker(['run', '--rm', ...common, PROBE_IMAGE, '/bin/busybox', 'true']);

  const name = `cks-lab-host-probe-${randomBytes(4).toString('hex')}`;
  try {
    // the container only has to outlive the exec below; it is removed right after
    await docker(['run', '-d', '--name', name, ...common, PROBE_IMAGE, '/bin/busybox', 'sleep', '3600']);
    await docker(['exec', name, '/bin/busybox', 'true']);
  } finally {
    await docker(['rm', '--force', name], true);
  }
}
