import type { KubeClients } from '../kube/objects.js';
import type { GraderContext, NodeExecOutput, Verdict } from '../types.js';

/** What an evaluator gets besides its check: the caller's context and the check's cancellation signal. */
export interface CheckEnv {
  ctx: GraderContext;
  /** Kubernetes clients, created once per grading run. */
  kube: () => Promise<KubeClients>;
  /** Aborted when the check's time is up. */
  signal: AbortSignal;
  /** Time left for this check, for commands that take their own timeout. */
  timeoutMs: number;
  /** The file's content via `cat` on the node (by node name), shared with other checks of the same run. */
  readNodeFile: (node: string, path: string) => Promise<NodeExecOutput>;
}

export function pass(message: string): Verdict {
  return { status: 'pass', message };
}

export function fail(message: string): Verdict {
  return { status: 'fail', message };
}

export function error(message: string): Verdict {
  return { status: 'error', message };
}
