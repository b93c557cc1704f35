import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { LoadedScenario } from '../scenarios/loader.js';
import { summarizeStep } from '../scenarios/step-actions.js';
import type { Step } from '../scenarios/step-schema.js';

/**
 * The learner-facing solution, written from the scenario's own solution steps (the ones `scenario test` proves),
 * so the solution shown can never drift from the one that passes.
 */
export async function solutionMarkdown(scenario: LoadedScenario): Promise<string> {
  const parts = await Promise.all(
    scenario.spec.solution.map((step, i) => describeStep(scenario.dir, step, i + 1)),
  );
  return parts.join('\n\n');
}

async function describeStep(dir: string, step: Step, number: number): Promise<string> {
  const title = `**${number}. ${summarizeStep(step)}**`;
  const read = (file: string) => readFile(resolve(dir, file), 'utf8');
  switch (step.kind) {
    case 'script': {
      const script = step.file === undefined ? (step.script ?? '') : await read(step.file);
      return `${title} (on the ${step.node} node)\n\n${fence('bash', script)}`;
    }
    case 'apply': {
      const manifests =
        step.file === undefined ? [step.manifest ?? ''] : await Promise.all([step.file].flat().map(read));
      return `${title}: save as a file and \`kubectl apply -f\` it\n\n${manifests.map((m) => fence('yaml', m)).join('\n\n')}`;
    }
    case 'copy':
      return `${title}\n\n${fence('', await read(step.from))}`;
    case 'wait':
    case 'delete':
      return title;
  }
}

function fence(language: string, text: string): string {
  // a longer fence than any backtick run inside, so scripts containing ``` stay intact
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const marker = '`'.repeat(longest + 1);
  return `${marker}${language}\n${text.replace(/\n$/, '')}\n${marker}`;
}
