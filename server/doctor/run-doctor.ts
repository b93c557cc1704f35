import { probeEngine } from '../../infra/host/engine-status.js';
import { checkCapacity } from './capacity.js';
import { checkDisk } from './disk.js';
import { checkDockerEngine } from './docker-engine.js';
import { checkInotify } from './inotify.js';
import { checkKind } from './kind.js';
import { checkLabFirewall } from './lab-firewall.js';
import { checkMemory } from './memory.js';
import { checkNodeImage } from './node-image.js';
import { checkPrivileged } from './privileged.js';
import type { CheckResult, DoctorContext } from './types.js';

/** Runs every prerequisite check, in the order a user should fix them. */
export async function runDoctor(env: NodeJS.ProcessEnv = process.env): Promise<CheckResult[]> {
  const ctx: DoctorContext = { env, engine: await probeEngine(env) };
  return [
    checkDockerEngine(ctx),
    await checkPrivileged(ctx),
    await checkKind(ctx),
    await checkNodeImage(ctx),
    await checkLabFirewall(ctx),
    await checkInotify(),
    await checkDisk(ctx),
    await checkMemory(),
    checkCapacity(ctx.env),
  ];
}

/** Ready when every required check passes; advisory ones only warn. */
export function isReady(results: readonly CheckResult[]): boolean {
  return results.every((result) => result.ok || result.advisory);
}
