import {
  learnerMessage,
  type CheckResult as GraderCheckResult,
  type GradeResult,
} from '../../grader/index.js';
import type { ClusterProvider } from '../clusters/types.js';
import type { Logger } from '../log.js';
import type { ProgressSink } from '../progress.js';
import { gradeScenario } from '../scenarios/grade.js';
import { ensureScenarioImages } from '../scenarios/images.js';
import type { LoadedScenario } from '../scenarios/loader.js';
import { setupScenario } from '../scenarios/steps.js';
import { connectToCluster } from '../scenarios/target.js';
import type { CheckResult, TaskResult } from '../store/index.js';
import { byCurriculum } from '../scenarios/catalog-order.js';
import type { LabGrade, ReportLine, ScenarioDetail, ScenarioEngine, ScenarioSummary } from './deps.js';
import { ScenarioCatalog, type ScenarioCatalogOptions } from './scenario-catalog.js';
import { solutionMarkdown } from './scenario-solution.js';

export interface ScenarioEngineOptions extends Pick<
  ScenarioCatalogOptions,
  'load' | 'fingerprint' | 'recheckMs' | 'now'
> {
  provider: ClusterProvider;
  scenariosDir: string;
  logger: Logger;
}

/**
 * Adapts server/scenarios (loader, images, steps) and grader/ to what the lab lifecycle needs. The catalog is
 * loaded once and loaded again only after a file under scenariosDir changed (see ScenarioCatalog), so an author's
 * edit shows up without a restart; broken scenarios are left out and logged with file:line.
 */
export function createScenarioEngine(options: ScenarioEngineOptions): ScenarioEngine {
  const { provider, logger } = options;
  const catalog = new ScenarioCatalog({ ...options, root: options.scenariosDir });
  // keyed by the loaded objects, so a reload (new objects) drops what was derived from the old ones
  const summaries = new WeakMap<LoadedScenario[], ScenarioSummary[]>();
  const details = new WeakMap<LoadedScenario, Promise<ScenarioDetail>>();

  const find = async (id: string): Promise<LoadedScenario> => {
    const scenario = (await catalog.scenarios()).find((s) => s.id === id);
    if (!scenario) throw new Error(`scenario "${id}" is not in the catalog (or no longer valid)`);
    return scenario;
  };
  const detailFor = (scenario: LoadedScenario): Promise<ScenarioDetail> => {
    let detail = details.get(scenario);
    if (!detail) {
      // a solution file removed since the load rejects once; the next get reads it again
      detail = detailOf(scenario).catch((error: unknown) => {
        details.delete(scenario);
        throw error;
      });
      details.set(scenario, detail);
    }
    return detail;
  };

  return {
    async list() {
      const scenarios = await catalog.scenarios();
      let list = summaries.get(scenarios);
      if (!list) summaries.set(scenarios, (list = scenarios.map(summaryOf).sort(byCurriculum)));
      return [...list];
    },
    async get(id) {
      const scenario = (await catalog.scenarios()).find((s) => s.id === id);
      return scenario ? detailFor(scenario) : undefined;
    },
    async preloadImages(cluster, scenarioId, report, signal) {
      const scenario = await find(scenarioId);
      const images = await ensureScenarioImages(scenario, toSink(report));
      signal.throwIfAborted();
      if (images.length) {
        report(`loading ${images.join(', ')} into the nodes`);
        await provider.loadImages(cluster, images);
      }
    },
    async setup(cluster, scenarioId, report, signal) {
      const scenario = await find(scenarioId);
      const target = await connectToCluster(provider, cluster, logger);
      // images were loaded by preloadImages; an empty list keeps setupScenario from loading them twice
      const withoutImages: LoadedScenario = { ...scenario, spec: { ...scenario.spec, images: [] } };
      await setupScenario(withoutImages, target, { progress: toSink(report), signal });
    },
    async grade(cluster, scenarioId, signal) {
      const scenario = await find(scenarioId);
      const target = await connectToCluster(provider, cluster, logger);
      // the grader stops its own node commands and API calls when the signal aborts, and then rejects
      return toLabGrade(await gradeScenario(scenario, target, { signal }));
    },
  };
}

function summaryOf(scenario: LoadedScenario): ScenarioSummary {
  const { spec } = scenario;
  return {
    id: scenario.id,
    title: spec.title,
    domain: spec.domain,
    difficulty: spec.difficulty,
    minutes: spec.minutes,
    summary: spec.description ?? spec.title,
  };
}

async function detailOf(scenario: LoadedScenario): Promise<ScenarioDetail> {
  return {
    ...summaryOf(scenario),
    nodes: scenario.spec.nodes,
    instructions: scenario.instructions,
    tasks: scenario.spec.tasks.map((task) => ({
      id: task.id,
      title: task.title,
      weight: task.weight,
      instructions: task.instructions ?? '',
    })),
    solution: await solutionMarkdown(scenario),
  };
}

export function toLabGrade(grade: GradeResult): LabGrade {
  return {
    percent: grade.percent,
    passed: grade.status === 'pass',
    durationMs: grade.durationMs,
    tasks: grade.tasks.map((task): TaskResult => ({
      taskId: task.id,
      title: task.title,
      status: task.status,
      score: task.score,
      maxScore: task.weight,
      ...(task.hints.length ? { hint: task.hints.join('\n') } : {}),
      checks: task.checks.map(toCheckResult),
    })),
  };
}

function toCheckResult(check: GraderCheckResult): CheckResult {
  return {
    name: check.description ?? check.id,
    status: check.status,
    // a concealed check's message and nested results would give the answer away
    message: learnerMessage(check),
    ...(check.hint ? { hint: check.hint } : {}),
  };
}

function toSink(report: ReportLine): ProgressSink {
  return (event) => {
    if (event.kind === 'start') report(event.step);
    else if (event.kind === 'info') report(event.message);
  };
}
