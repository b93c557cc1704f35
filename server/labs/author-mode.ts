import type { ClusterProvider } from '../clusters/types.js';
import type { Logger } from '../log.js';
import { loadScenario, type LoadedScenario } from '../scenarios/loader.js';
import { formatProblem } from '../scenarios/problems.js';
import { applyWrongAnswer, solveScenario } from '../scenarios/steps.js';
import { connectToCluster } from '../scenarios/target.js';
import { folderFingerprint } from './folder-fingerprint.js';

/** What an author runs on the lab's cluster from the lab page: the solution, or one named wrong answer. */
export type AuthorRun = { kind: 'solution' } | { kind: 'wrong'; name: string };

/** What the lab page shows an author besides the lab: the scenario's lint problems and its wrong answers. */
export interface AuthorView {
  scenarioId: string;
  /** `scenario lint` problems of the folder right now, with file:line; empty when it lints */
  problems: string[];
  wrongAnswers: string[];
}

/**
 * `scenario dev`: one scenario folder, read again on every request so the page follows the author's saves, and its
 * solution and wrong answers run on demand on the lab's cluster. Only the dev server has one.
 */
export interface AuthorMode {
  scenarioId: string;
  view(): Promise<AuthorView>;
  run(cluster: string, what: AuthorRun, signal: AbortSignal): Promise<void>;
}

interface Loaded {
  scenario: LoadedScenario | undefined;
  problems: string[];
}

export function createAuthorMode(options: {
  dir: string;
  scenarioId: string;
  provider: ClusterProvider;
  logger: Logger;
}): AuthorMode {
  const { dir, scenarioId, provider, logger } = options;
  // the page asks every second and the command's lint watch too: the folder is read again only after a save
  let cached: { print: string; loaded: Promise<Loaded> } | undefined;
  const load = async (): Promise<Loaded> => {
    const print = (await folderFingerprint(dir)).value;
    if (cached?.print !== print) {
      const loaded = loadScenario(dir).then((result) => ({
        scenario: result.scenario,
        problems: result.problems.map((p) => formatProblem(p)),
      }));
      cached = { print, loaded };
    }
    return cached.loaded;
  };
  return {
    scenarioId,
    async view() {
      const { scenario, problems } = await load();
      return { scenarioId, problems, wrongAnswers: scenario?.spec.wrongAnswers.map((w) => w.name) ?? [] };
    },
    async run(cluster, what, signal) {
      const { scenario, problems } = await load();
      if (!scenario) throw new Error(`the scenario does not load: ${problems[0] ?? 'unknown problem'}`);
      const target = await connectToCluster(provider, cluster, logger);
      if (what.kind === 'solution') await solveScenario(scenario, target, { signal });
      else await applyWrongAnswer(scenario, what.name, target, { signal });
    },
  };
}
