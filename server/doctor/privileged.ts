import { readMissingCapabilities } from '../../infra/host/capabilities.js';
import { probePrivileged } from '../../infra/host/privileged-probe.js';
import { CommandError } from '../exec/run.js';
import { ENGINE_CHECK } from './docker-engine.js';
import { blockedBy, HOST_PREPARE, type CheckResult, type DoctorContext } from './types.js';

const NAME = 'privileged containers';

/** kind runs every node as a privileged container and drives it with `docker exec`: both must work. */
export async function checkPrivileged(ctx: DoctorContext): Promise<CheckResult> {
  if (!ctx.engine.reachable) return blockedBy(NAME, ENGINE_CHECK);
  try {
    await probePrivileged({ env: ctx.env });
    return { name: NAME, ok: true, detail: 'docker run --privileged and docker exec into it work' };
  } catch (error) {
    const message = error instanceof CommandError ? firstErrorLine(error) : (error as Error).message;
    const missing = await readMissingCapabilities();
    const fix =
      /apply caps/.test(message) && missing.length
        ? `this host's capability bounding set lacks ${missing.join(', ')}; ${HOST_PREPARE} installs the runc ` +
          'capability clamp as the default runtime'
        : `${HOST_PREPARE}, then run doctor again`;
    return { name: NAME, ok: false, detail: message, fix };
  }
}

function firstErrorLine(error: CommandError): string {
  const lines = `${error.result.stderr}\n${error.result.stdout}`.split('\n').map((l) => l.trim());
  return `${error.result.command}: ${lines.find(Boolean) ?? `exit ${error.result.exitCode}`}`;
}
