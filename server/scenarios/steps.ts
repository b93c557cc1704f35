import { runSteps, silentProgress, type ProgressSink, type Step as ProgressStep } from '../progress.js';
import type { LoadedScenario } from './loader.js';
import { ensureScenarioImages } from './images.js';
import { installNodePackages } from './install-node-packages.js';
import { runStep, summarizeStep, type StepContext } from './step-actions.js';
import type { Step } from './step-schema.js';
import type { ScenarioTarget } from './target.js';

export interface RunOptions {
  progress?: ProgressSink;
  signal?: AbortSignal;
  /** Makes the scenario's images present locally and returns their refs (default: build or verify them). */
  ensureImages?: (scenario: LoadedScenario, progress: ProgressSink) => Promise<string[]>;
}

type Ctx = Omit<StepContext, 'info'>;

function asProgressSteps(phase: string, steps: readonly Step[]): ProgressStep<Ctx>[] {
  return steps.map((step, i) => ({
    name: `${phase} ${i + 1}/${steps.length}: ${summarizeStep(step)}`,
    run: (ctx, info) => runStep(step, { ...ctx, info }),
  }));
}

/** Loads the scenario's images into every node (nothing is pulled at lab time), then runs its setup steps. */
export async function setupScenario(
  scenario: LoadedScenario,
  target: ScenarioTarget,
  options: RunOptions = {},
): Promise<void> {
  const ensureImages = options.ensureImages ?? ((s, progress) => ensureScenarioImages(s, progress));
  const images = await ensureImages(scenario, options.progress ?? silentProgress);
  const packages = scenario.spec.nodePackages;
  const nodes = Object.values(target.nodes);
  const preload: ProgressStep<Ctx>[] = [];
  if (packages.length)
    preload.push({
      name: `install ${packages.join(', ')} on the nodes`,
      run: async (_ctx, info) => {
        await installNodePackages({ provider: target.provider, cluster: target.cluster, nodes }, packages, {
          info,
        });
      },
    });
  if (images.length)
    preload.push({
      name: `load ${images.length} image(s) into the nodes`,
      run: () => target.provider.loadImages(target.cluster, images),
    });
  await runSteps(
    [...preload, ...asProgressSteps('setup', scenario.spec.setup)],
    contextFor(scenario, target, options),
    options.progress ?? silentProgress,
  );
}

export async function solveScenario(
  scenario: LoadedScenario,
  target: ScenarioTarget,
  options: RunOptions = {},
): Promise<void> {
  await runSteps(
    asProgressSteps('solution', scenario.spec.solution),
    contextFor(scenario, target, options),
    options.progress ?? silentProgress,
  );
}

/** Applies a named wrong answer's steps (on top of setup). */
export async function applyWrongAnswer(
  scenario: LoadedScenario,
  name: string,
  target: ScenarioTarget,
  options: RunOptions = {},
): Promise<void> {
  const answer = scenario.spec.wrongAnswers.find((w) => w.name === name);
  if (!answer) throw new Error(`scenario "${scenario.id}" has no wrong answer "${name}"`);
  await applyAnswer(scenario, `wrong answer ${name}`, answer.steps, target, options);
}

/** Applies a named alternative's steps (another correct answer, on top of setup). */
export async function applyAlternative(
  scenario: LoadedScenario,
  name: string,
  target: ScenarioTarget,
  options: RunOptions = {},
): Promise<void> {
  const answer = scenario.spec.alternatives.find((a) => a.name === name);
  if (!answer) throw new Error(`scenario "${scenario.id}" has no alternative "${name}"`);
  await applyAnswer(scenario, `alternative ${name}`, answer.steps, target, options);
}

async function applyAnswer(
  scenario: LoadedScenario,
  phase: string,
  steps: readonly Step[],
  target: ScenarioTarget,
  options: RunOptions,
): Promise<void> {
  await runSteps(
    asProgressSteps(phase, steps),
    contextFor(scenario, target, options),
    options.progress ?? silentProgress,
  );
}

function contextFor(scenario: LoadedScenario, target: ScenarioTarget, options: RunOptions): Ctx {
  return { target, dir: scenario.dir, signal: options.signal };
}
