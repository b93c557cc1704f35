import type { OutputExpectation } from '../schema/leaf-checks.js';
import type { NodeExecOutput, Verdict } from '../types.js';
import { formatValue, outputTail } from '../value/format.js';
import { unmetTextMatch } from '../value/text.js';
import { fail, pass } from './env.js';

/** Judges a finished command (`what` names it for the learner) against the expected exit code and output. */
export function judgeOutput(what: string, expectation: OutputExpectation, output: NodeExecOutput): Verdict {
  const { exitCode } = expectation;
  const exitOk = exitCode === 'nonzero' ? output.exitCode !== 0 : output.exitCode === exitCode;
  if (!exitOk) {
    const shown = outputTail(output.stderr || output.stdout);
    return fail(
      exitCode === 'nonzero'
        ? `expected ${what} to fail, but it succeeded${shown ? `: ${shown}` : ''}`
        : `expected ${what} to exit with ${exitCode}, it exited with ${output.exitCode}${shown ? `: ${shown}` : ''}`,
    );
  }
  for (const stream of ['stdout', 'stderr'] as const) {
    const match = expectation[stream];
    if (!match) continue;
    const unmet = unmetTextMatch(output[stream], match);
    if (unmet) {
      return fail(
        `expected the ${stream} of ${what} ${unmet}, found: ${formatValue(outputTail(output[stream]))}`,
      );
    }
  }
  const shown = outputTail(output.stdout, 200);
  return pass(`${what} exited with ${output.exitCode}${shown ? `: ${shown}` : ''}`);
}

export function describeArgv(argv: readonly string[]): string {
  return `\`${argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ')}\``;
}
