import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

export interface DetachedProcess {
  pid: number;
  /** Resolves with the exit code if the daemon dies while we still watch it (a start failure). */
  exited: Promise<number | null>;
}

/**
 * Starts a daemon that must outlive this CLI: its own session (like setsid/nohup), stdin from /dev/null,
 * output appended to logFile. server/exec/run.ts waits for commands to finish, so it cannot do this.
 */
export async function startDetached(argv: readonly string[], logFile: string): Promise<DetachedProcess> {
  const [file, ...args] = argv;
  if (!file) throw new Error('startDetached: empty argv');
  mkdirSync(dirname(logFile), { recursive: true });
  const log = openSync(logFile, 'a', 0o640);
  try {
    const child = spawn(file, args, {
      detached: true,
      stdio: ['ignore', log, log],
      cwd: '/',
      env: daemonEnv(),
    });
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', (error) => reject(new Error(`could not start ${file}: ${error.message}`)));
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.unref();
    if (child.pid === undefined) throw new Error(`${file} started without a pid`);
    return { pid: child.pid, exited };
  } finally {
    closeSync(log); // the child keeps its own copy of the descriptor
  }
}

// dockerd looks up containerd, runc and iptables on PATH; sudo and npm may hand us one without the sbin dirs.
function daemonEnv(): NodeJS.ProcessEnv {
  const systemDirs = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];
  const path = [...new Set([...(process.env.PATH ?? '').split(':').filter(Boolean), ...systemDirs])].join(
    ':',
  );
  return { ...process.env, PATH: path };
}
