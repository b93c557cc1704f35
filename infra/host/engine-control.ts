import { run } from '../../server/exec/run.js';
import { startDetached } from './start-detached.js';
import { waitForEngine, type EngineInfo } from './engine-status.js';
import { pathExists, readTextIfExists } from '../../server/files/missing-ok.js';

export const DOCKERD_LOG = '/var/log/cks-lab/dockerd.log';
const DOCKERD_PID_FILE = '/var/run/docker.pid';
const ENGINE_TIMEOUT_MS = 90_000;

export interface EngineControlOptions {
  info: (message: string) => void;
  /** Extra readiness condition, e.g. the clamp is the default runtime. */
  until?: (engine: EngineInfo) => boolean;
}

/** sd_booted(3): systemd is PID 1 exactly when this directory exists. */
export async function hasSystemd(): Promise<boolean> {
  return pathExists('/run/systemd/system');
}

/** Starts the engine where none runs: via systemd when it is PID 1, else a detached dockerd. */
export async function startEngine(options: EngineControlOptions): Promise<EngineInfo> {
  if (await hasSystemd()) {
    await run(['systemctl', 'enable', '--now', 'docker'], { timeoutMs: ENGINE_TIMEOUT_MS });
    options.info('started docker.service (systemctl enable --now docker)');
    return waitForEngine({ timeoutMs: ENGINE_TIMEOUT_MS, until: options.until });
  }
  const running = await runningDockerdPid();
  if (running !== null) {
    options.info(`dockerd (pid ${running}) is already starting; waiting for it`);
    return waitForEngine({ timeoutMs: ENGINE_TIMEOUT_MS, until: options.until });
  }
  const daemon = await startDetached(['dockerd'], DOCKERD_LOG);
  options.info(`started dockerd (pid ${daemon.pid}, no systemd on this host); log: ${DOCKERD_LOG}`);
  try {
    return await waitForEngine({
      timeoutMs: ENGINE_TIMEOUT_MS,
      until: options.until,
      daemonExited: daemon.exited,
    });
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(`${why}\nlast lines of ${DOCKERD_LOG}:\n${await logTail()}`, { cause: error });
  }
}

/**
 * Applies a changed daemon.json. dockerd reloads "runtimes" and "default-runtime" on SIGHUP, which keeps running
 * containers (other people's clusters) alive; a full restart is the fallback when the reload does not take.
 */
export async function applyDaemonConfig(options: EngineControlOptions): Promise<EngineInfo> {
  const systemd = await hasSystemd();
  const pid = systemd ? null : await runningDockerdPid();
  if (systemd) await run(['systemctl', 'reload', 'docker'], { timeoutMs: 30_000 });
  else if (pid !== null) process.kill(pid, 'SIGHUP');
  if (systemd || pid !== null) {
    try {
      const engine = await waitForEngine({ timeoutMs: 15_000, until: options.until });
      options.info('reloaded the engine configuration (SIGHUP; running containers kept)');
      return engine;
    } catch (error) {
      options.info(
        `reload did not take (${error instanceof Error ? error.message : String(error)}); restarting`,
      );
    }
  }
  return restartEngine(options);
}

async function restartEngine(options: EngineControlOptions): Promise<EngineInfo> {
  if (await hasSystemd()) {
    await run(['systemctl', 'restart', 'docker'], { timeoutMs: ENGINE_TIMEOUT_MS });
    options.info('restarted docker.service');
    return waitForEngine({ timeoutMs: ENGINE_TIMEOUT_MS, until: options.until });
  }
  const pid = await runningDockerdPid();
  if (pid !== null) {
    process.kill(pid, 'SIGTERM');
    await waitForExit(pid, ENGINE_TIMEOUT_MS);
    options.info(`stopped dockerd (pid ${pid})`);
  }
  return startEngine(options);
}

/** The pid in dockerd's pid file, if that process is alive and is dockerd. */
export async function runningDockerdPid(): Promise<number | null> {
  const text = await readTextIfExists(DOCKERD_PID_FILE);
  const pid = text === null ? NaN : Number.parseInt(text.trim(), 10);
  if (!Number.isInteger(pid) || pid <= 0) return null;
  const comm = await readTextIfExists(`/proc/${pid}/comm`);
  return comm?.trim() === 'dockerd' ? pid : null;
}

async function waitForExit(pid: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (await pathExists(`/proc/${pid}`)) {
    if (Date.now() > deadline)
      throw new Error(`dockerd (pid ${pid}) did not stop within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function logTail(lines = 15): Promise<string> {
  const text = (await readTextIfExists(DOCKERD_LOG)) ?? '(no log written)';
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}
