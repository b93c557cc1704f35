import { posix } from 'node:path';
import type { z } from 'zod';
import type { stepSchema } from '../scenarios/step-schema.js';

export type StepInput = z.input<typeof stepSchema>;

/** Where imported scripts are put on the node to run; removed again when they end. */
export const NODE_SCRIPT_DIR = '/opt/cks-lab-import';

/**
 * Steps that run a script from the scenario folder the way Killercoda does: as a file with plain `bash`, in
 * root's home, stdin closed. (A cks-lab script step feeds its text to `bash -euo pipefail -s`: strict mode
 * would change what Killercoda scripts do, and a command reading stdin would eat the rest of the script.) The
 * step waits for the script to end, and fails when it exits non-zero.
 */
export function plainBashSteps(
  from: string,
  name: string,
  node: 'control-plane' | 'worker',
  timeoutSeconds: number,
): StepInput[] {
  const onNode = posix.join(NODE_SCRIPT_DIR, from.replace(/\//g, '--'));
  return [
    { kind: 'copy', name: `copy ${from} to the node`, from, to: onNode, node, mode: '0700' },
    {
      kind: 'script',
      name,
      node,
      timeoutSeconds,
      script: `trap 'rm -f ${onNode}' EXIT\ncd /root\nbash ${onNode} </dev/null\n`,
    },
  ];
}
