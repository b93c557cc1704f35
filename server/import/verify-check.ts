import { posix } from 'node:path';
import type { z } from 'zod';
import type { checkSchema } from '../../grader/index.js';
import type { SourcePage } from './source.js';

type CheckInput = z.input<typeof checkSchema>;

/** The step's verify script as a script check; without one, a check that says so and never passes. */
export function verifyCheck(
  step: SourcePage,
  slug: string,
  files: Map<string, string | Buffer>,
  translated: string[],
  label: string,
): CheckInput {
  if (!step.verify)
    return {
      id: 'no-verify',
      kind: 'script',
      description: 'The Killercoda original has no verify script for this step, so nothing grades it',
      script:
        'echo "the Killercoda original has no verify script for this step: an author must add a check to scenario.yaml"\nexit 1\n',
      hint: 'Nothing can pass here until an author adds a check for this step.',
    };
  const file = posix.join('killercoda', `${slug}-verify.sh`);
  files.set(file, step.verify.text);
  translated.push(
    `${label} verify ${step.verify.file} → script check ${slug}/verify (${file}, root, control-plane)`,
  );
  return {
    id: 'verify',
    kind: 'script',
    description: "The step's Killercoda verify script exits 0",
    node: 'control-plane',
    file,
    hint: "Do what the step asks. The verify script's output, if it prints any, says what it found.",
  };
}
