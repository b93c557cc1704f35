import type { EngineProbe } from '../../infra/host/engine-status.js';

/** One prerequisite's verdict; `fix` says what to run or change when it is not ok. */
export interface CheckResult {
  name: string;
  ok: boolean;
  detail: string;
  fix?: string;
  /** A recommendation: a failure warns but does not make the host "not ready". */
  advisory?: boolean;
}

export interface DoctorContext {
  env: NodeJS.ProcessEnv;
  /** Asked once and shared: most checks need the engine. */
  engine: EngineProbe;
}

export const HOST_PREPARE = 'sudo npx cks-lab host prepare';

/** The verdict of a check that cannot run before another prerequisite is fixed. */
export function blockedBy(name: string, prerequisite: string): CheckResult {
  return {
    name,
    ok: false,
    detail: `not checked: needs ${prerequisite}`,
    fix: `fix "${prerequisite}" first`,
  };
}
