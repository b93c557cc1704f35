import type { StepInput } from './plain-bash-steps.js';

/** The schema needs a solution; an import without marked commands gets one that fails and says why. */
export function missingSolutionStep(): StepInput {
  return {
    kind: 'script',
    name: 'no solution was marked in the Killercoda original',
    script:
      'echo "the Killercoda original marks no solution commands ({{exec}} blocks inside <details>): write the solution steps in scenario.yaml" >&2\nexit 1\n',
  };
}
