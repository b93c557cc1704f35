import type { ScriptCheck } from '../schema/leaf-checks.js';
import type { Verdict } from '../types.js';
import { outputTail } from '../value/format.js';
import { error, fail, pass, type CheckEnv } from './env.js';
import { execOnNode } from './nodes.js';

/**
 * bash reads the script from a pipe that cat fills (stdin may be a socket, which /dev/fd cannot reopen), and the
 * script's commands get an empty stdin, as when Killercoda runs a verify file: under `bash -s` an `ssh node01 …`,
 * `kubectl exec -i` or `read` in the script would swallow the rest of it. `exec` keeps bash the process the
 * timeout kills. Setup and solution script steps run the same way (with their strict-mode options).
 */
export function bashFromPipe(bashOptions: readonly string[] = []): string[] {
  return ['bash', '-c', ['exec', 'bash', ...bashOptions, '<(cat)', '</dev/null'].join(' ')];
}

/** Killercoda-style verify script: exit 0 passes and stdout is the message. */
export async function evaluateScript(check: ScriptCheck, env: CheckEnv): Promise<Verdict> {
  if (check.script === undefined)
    return error(`the script${check.file ? ` ${check.file}` : ''} was not loaded`);
  const output = await execOnNode(env, check.node, bashFromPipe(), check.script);
  const said = outputTail(output.stdout);
  if (output.exitCode === 0) return pass(said || `verify script on the ${check.node} node passed`);
  const why = said || outputTail(output.stderr);
  return fail(
    `verify script${check.file ? ` ${check.file}` : ''} on the ${check.node} node exited with ${output.exitCode}` +
      (why ? `: ${why}` : ''),
  );
}
