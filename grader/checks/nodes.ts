import { NODE_OUTPUT_LIMIT_BYTES } from '../output-limits.js';
import type { NodeRole } from '../types.js';
import type { CheckEnv } from './env.js';

/** The check asks for a node role the cluster does not have: the grader cannot decide. */
export class MissingNodeError extends Error {
  constructor(role: NodeRole) {
    super(`this cluster has no ${role} node (the scenario needs "nodes: 2")`);
    this.name = 'MissingNodeError';
  }
}

export function nodeName(env: CheckEnv, role: NodeRole): string {
  const name = env.ctx.nodes[role];
  if (!name) throw new MissingNodeError(role);
  return name;
}

/** Runs argv on the node with the check's remaining time and cancellation. */
export function execOnNode(env: CheckEnv, role: NodeRole, argv: readonly string[], input?: string) {
  return env.ctx.nodeExec(nodeName(env, role), argv, {
    input,
    timeoutMs: env.timeoutMs,
    signal: env.signal,
    maxOutputBytes: NODE_OUTPUT_LIMIT_BYTES,
  });
}
