import type { ScriptCheck } from '../schema/leaf-checks.js';
import type { Verdict } from '../types.js';
import { outputTail } from '../value/format.js';
import { error, fail, pass, type CheckEnv } from './env.js';
import { execOnNode } from './nodes.js';

/** Killercoda-style verify script: bash reads the script on stdin; exit 0 passes and stdout is the message. */
export async function evaluateScript(check: ScriptCheck, env: CheckEnv): Promise<Verdict> {
  if (check.script === undefined)
    return error(`the script${check.file ? ` ${check.file}` : ''} was not loaded`);
  const output = await execOnNode(env, check.node, ['bash', '-s'], check.script);
  const said = outputTail(output.stdout);
  if (output.exitCode === 0) return pass(said || `verify script on the ${check.node} node passed`);
  const why = said || outputTail(output.stderr);
  return fail(
    `verify script${check.file ? ` ${check.file}` : ''} on the ${check.node} node exited with ${output.exitCode}` +
      (why ? `: ${why}` : ''),
  );
}
