// Stopping and starting the host's Docker engine for the docker-restart fault. The engine is shared: callers
// check first that no one else's kind cluster runs on it. Starting is `npx cks-lab host prepare`, as on CI.
import { join } from 'node:path';
import { hasSystemd, runningDockerdPid } from '../../infra/host/engine-control.js';
import { probeEngine } from '../../infra/host/engine-status.js';
import { pathExists } from '../../server/files/missing-ok.js';
import { run } from '../../server/exec/run.js';
import { REPO_ROOT } from '../../test/e2e/support.js';

const STOP_TIMEOUT_MS = 90_000;

/** Stops the engine (SIGTERM to dockerd, or systemctl stop); resolves once it is gone. */
export async function stopEngine(): Promise<string> {
  if (await hasSystemd()) {
    await run(['systemctl', 'stop', 'docker'], { timeoutMs: STOP_TIMEOUT_MS });
    return 'systemctl stop docker';
  }
  const pid = await runningDockerdPid();
  if (pid === null) throw new Error('no dockerd pid in /var/run/docker.pid: cannot stop the engine');
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  // a process's end has no event to wait on from outside it; look at /proc until it is gone
  while (await pathExists(`/proc/${pid}`)) {
    if (Date.now() > deadline) throw new Error(`dockerd (pid ${pid}) did not stop within 90 s of SIGTERM`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return `SIGTERM to dockerd (pid ${pid})`;
}

/** `npx cks-lab host prepare`: starts the engine the way this host is set up to run it. */
export async function prepareHost(): Promise<void> {
  await run([process.execPath, join(REPO_ROOT, 'bin', 'cks-lab.js'), 'host', 'prepare'], {
    cwd: REPO_ROOT,
    timeoutMs: 10 * 60_000,
  });
}

export async function engineUp(): Promise<boolean> {
  return (await probeEngine()).reachable;
}
