import type { KubeConfig } from '@kubernetes/client-node';
import { pino } from 'pino';
import { gradeTasks } from '../../../../grader/engine.js';
import { checkSchema, type Check } from '../../../../grader/schema/check.js';
import { OutputTooLargeError } from '../../../../grader/output-limits.js';
import type { CheckResult, GraderContext, NodeExecOptions } from '../../../../grader/types.js';
import { OutputLimitError, run } from '../../../../server/exec/run.js';

export const silentLogger = pino({ level: 'silent' });

/**
 * A grader context whose "control-plane node" is this machine: node commands really run here (argv-only),
 * so nodeExec/nodeFile/script checks are exercised end to end against real files and processes.
 */
export function localContext(kubeConfig: KubeConfig, overrides: Partial<GraderContext> = {}): GraderContext {
  return {
    kubeConfig,
    nodes: { 'control-plane': 'local-node' },
    logger: silentLogger,
    checkTimeoutMs: 5_000,
    nodeExec: async (node: string, argv: readonly string[], options: NodeExecOptions = {}) => {
      if (node !== 'local-node') throw new Error(`unexpected node ${node}`);
      try {
        const { exitCode, stdout, stderr } = await run(argv, {
          input: options.input,
          timeoutMs: options.timeoutMs,
          signal: options.signal,
          allowFailure: true,
          maxOutputBytes: options.maxOutputBytes,
        });
        return { exitCode, stdout, stderr };
      } catch (error) {
        // as the server's context does (server/scenarios/grade.ts)
        if (!(error instanceof OutputLimitError)) throw error;
        throw new OutputTooLargeError(`the output of ${argv.join(' ')} on ${node}`, error.limitBytes);
      }
    },
    ...overrides,
  };
}

/** Validates a check as a scenario file would (defaults applied), then grades it alone. */
export async function gradeCheck(raw: unknown, ctx: GraderContext): Promise<CheckResult> {
  const check: Check = checkSchema.parse(raw);
  const grade = await gradeTasks([{ id: 't', title: 'task', weight: 1, checks: [check] }], ctx);
  const result = grade.tasks[0]?.checks[0];
  if (!result) throw new Error('no check result');
  return result;
}
