import { CommandError, run } from '../../server/exec/run.js';

export interface EngineInfo {
  serverVersion: string;
  defaultRuntime: string;
  dockerRootDir: string;
}

export type EngineProbe =
  | { reachable: true; info: EngineInfo }
  | { reachable: false; reason: 'no-cli' | 'unreachable'; message: string };

/** Asks the engine for its version via `docker info`; never throws for a missing CLI or a dead engine. */
export async function probeEngine(env: NodeJS.ProcessEnv = process.env): Promise<EngineProbe> {
  try {
    const result = await run(
      ['docker', 'info', '--format', '{{.ServerVersion}}|{{.DefaultRuntime}}|{{.DockerRootDir}}'],
      {
        env,
        timeoutMs: 20_000,
        allowFailure: true,
      },
    );
    const [serverVersion = '', defaultRuntime = '', dockerRootDir = ''] = result.stdout.trim().split('|');
    if (result.exitCode === 0 && serverVersion) {
      return { reachable: true, info: { serverVersion, defaultRuntime, dockerRootDir } };
    }
    const message =
      result.stderr.trim().split('\n').find(Boolean) ?? `docker info exited with ${result.exitCode}`;
    return { reachable: false, reason: 'unreachable', message };
  } catch (error) {
    if (error instanceof CommandError && error.reason === 'spawn') {
      return { reachable: false, reason: 'no-cli', message: 'the docker CLI is not on PATH' };
    }
    if (error instanceof CommandError && error.reason === 'timeout') {
      return { reachable: false, reason: 'unreachable', message: '`docker info` did not answer within 20 s' };
    }
    throw error;
  }
}

export interface WaitOptions {
  timeoutMs: number;
  /** The engine is ready only when this holds (e.g. a reloaded default runtime). */
  until?: (info: EngineInfo) => boolean;
  /** Rejects the wait early when the daemon we started dies. */
  daemonExited?: Promise<number | null>;
  pollMs?: number;
}

/** Polls `docker info` until it answers (and `until` holds) or the deadline passes. */
export async function waitForEngine(options: WaitOptions): Promise<EngineInfo> {
  const deadline = Date.now() + options.timeoutMs;
  let died: number | null | undefined;
  void options.daemonExited?.then((code) => {
    died = code;
  });
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (died !== undefined) throw new Error(`dockerd exited with code ${died} while starting`);
    const probe = await probeEngine();
    if (probe.reachable && (!options.until || options.until(probe.info))) return probe.info;
    last = probe.reachable
      ? `engine answers but is not ready (default runtime ${probe.info.defaultRuntime})`
      : probe.message;
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 500));
  }
  throw new Error(
    `the Docker engine was not ready within ${Math.round(options.timeoutMs / 1000)} s: ${last}`,
  );
}
