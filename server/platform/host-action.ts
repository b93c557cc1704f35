import type { EngineProbe } from '../../infra/host/engine-status.js';
import type { HostIdentity } from '../../infra/host/host-identity.js';
import { HOST_PREPARE } from '../doctor/types.js';
import type { PlatformProblem } from './types.js';

export interface HostFacts {
  engine: EngineProbe;
  host: HostIdentity;
  /** Debian's chromium is wanted (the e2e tier) and missing. */
  browserMissing?: boolean;
}

/** What `npm start` / `npm test` do about the host: nothing, `host prepare` themselves (root), or say what to run. */
export type HostAction =
  | { kind: 'none' }
  | { kind: 'prepare'; withBrowser: boolean }
  | { kind: 'instruct'; problem: PlatformProblem };

const PREPARE_DOES =
  'Preparing this machine (once, as root) installs and starts a Docker engine, adds the runc capability clamp where needed and raises inotify limits.';

/**
 * Root on Debian/Ubuntu runs the same code as `cks-lab host prepare`; anyone else gets the one command to run
 * (which is not host prepare when the engine runs but refuses this user: the docker group is the fix then).
 */
export function hostAction(facts: HostFacts): HostAction {
  const { engine, host } = facts;
  const withBrowser = Boolean(facts.browserMissing);
  if (engine.reachable && !withBrowser) return { kind: 'none' };
  const command = `${HOST_PREPARE}${withBrowser ? ' --with-browser' : ''}`;
  const missing = engine.reachable
    ? "Debian's chromium is not installed (the e2e tests drive it)."
    : `No Docker engine answers (${engine.message}).`;
  if (!engine.reachable && /permission denied/i.test(engine.message) && !host.isRoot) {
    return {
      kind: 'instruct',
      problem: {
        message: `The Docker engine runs but refuses this user (${engine.message}). Add the user to the docker group, log in again and start the server again.`,
        command: 'sudo usermod -aG docker "$USER"',
      },
    };
  }
  if (!host.isDebianLike) {
    return {
      kind: 'instruct',
      problem: {
        message: `${missing} host prepare supports Debian and Ubuntu only; on ${host.osName} install and start Docker Engine (and chromium for the e2e tests) yourself; doctor lists what is still missing.`,
        command: 'npx cks-lab doctor',
      },
    };
  }
  if (host.isRoot) return { kind: 'prepare', withBrowser };
  return { kind: 'instruct', problem: { message: `${missing} ${PREPARE_DOES}`, command } };
}

/** The one line printed for a person to act on: what is wrong, what the command does, and the command. */
export function problemLine(problem: PlatformProblem): string {
  return `${problem.message} Run: ${problem.command}`;
}
