import { loadCatalog, DEFAULT_SCENARIOS_DIR, type LoadedScenario } from '../scenarios/loader.js';
import { formatProblem } from '../scenarios/problems.js';
import { manifestClaims } from './claims.js';
import type { ExamDefinition, ExamScenario, ExamSet } from './types.js';

/** The scenarios exams are composed from, each with every task, keyed by id. */
export type ExamCatalog = ReadonlyMap<string, ExamScenario>;

/** An exam that names a scenario or task the catalog does not have. */
export class ExamDefinitionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExamDefinitionError';
  }
}

/** Loads the scenario catalog for exams; an invalid scenario stops it (an exam must not silently lose one). */
export async function loadExamCatalog(root: string = DEFAULT_SCENARIOS_DIR): Promise<ExamCatalog> {
  const { scenarios, problems } = await loadCatalog(root);
  if (problems.length) {
    const lines = problems.map((p) => `  ${formatProblem(p)}`).join('\n');
    throw new ExamDefinitionError(
      `the scenario catalog has problems (run \`cks-lab scenario lint\`):\n${lines}`,
    );
  }
  const entries = await Promise.all(scenarios.map(async (s) => [s.id, await examScenario(s)] as const));
  return new Map(entries);
}

export async function examScenario(loaded: LoadedScenario): Promise<ExamScenario> {
  const { spec } = loaded;
  const claims = await manifestClaims(loaded);
  return {
    id: spec.id,
    domain: spec.domain,
    minutes: spec.minutes,
    nodes: spec.nodes,
    features: [...spec.features],
    tasks: spec.tasks.map((task) => ({ id: task.id, title: task.title, weight: task.weight })),
    globalState: [...spec.globalState],
    namespaces: claims.namespaces,
    serviceIps: claims.serviceIps,
  };
}

/** The set's scenarios with only the chosen tasks; minutes shrink with the share of weight kept. */
export function composeExam(definition: ExamDefinition, catalog: ExamCatalog): ExamSet {
  const scenarios = definition.entries.map((entry) => {
    const scenario = catalog.get(entry.scenario);
    if (!scenario) {
      throw new ExamDefinitionError(
        `exam ${definition.id}: no scenario "${entry.scenario}" in the catalog (see \`cks-lab scenario list\`)`,
      );
    }
    if (!entry.tasks) return scenario;
    const tasks = entry.tasks.map((id) => {
      const task = scenario.tasks.find((t) => t.id === id);
      if (!task) {
        const known = scenario.tasks.map((t) => t.id).join(', ');
        throw new ExamDefinitionError(
          `exam ${definition.id}: scenario ${scenario.id} has no task "${id}" (its tasks: ${known})`,
        );
      }
      return task;
    });
    const share = totalWeight(tasks) / totalWeight(scenario.tasks);
    return { ...scenario, tasks, minutes: Math.max(1, Math.round(scenario.minutes * share)) };
  });
  return { id: definition.id, title: definition.title, scenarios };
}

export function totalWeight(tasks: readonly { weight: number }[]): number {
  return tasks.reduce((sum, task) => sum + task.weight, 0);
}
