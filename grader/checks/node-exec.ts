import type { NodeExecCheck } from '../schema/leaf-checks.js';
import type { Verdict } from '../types.js';
import type { CheckEnv } from './env.js';
import { execOnNode } from './nodes.js';
import { describeArgv, judgeOutput } from './output.js';

export async function evaluateNodeExec(check: NodeExecCheck, env: CheckEnv): Promise<Verdict> {
  const output = await execOnNode(env, check.node, check.argv);
  return judgeOutput(`${describeArgv(check.argv)} on the ${check.node} node`, check, output);
}
