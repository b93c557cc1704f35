import type { ClusterProvider } from '../clusters/types.js';
import type { ExamDetail, ExamEngine, ExamSetInfo } from '../labs/deps.js';
import { solutionMarkdown } from '../labs/scenario-solution.js';
import type { Logger } from '../log.js';
import type { ProgressSink } from '../progress.js';
import { loadCatalog, type LoadedScenario } from '../scenarios/loader.js';
import { ExamDefinitionError, loadExamCatalog, type ExamCatalog } from './catalog.js';
import { resolveExam } from './exam-id.js';
import { examHost } from './hosts.js';
import { planExam } from './planner.js';
import { ExamRun, labExamNames } from './runner.js';
import { EXAM_SETS } from './sets.js';
import { summarizeExam } from './summary.js';
import type { ExamPlan, ExamSet } from './types.js';

export interface ExamEngineOptions {
  provider: ClusterProvider;
  scenariosDir: string;
  logger: Logger;
  /** Node image; the provider's default when absent. */
  image?: string;
}

/** Exam details kept (sets A, B, C and the random seeds in use). */
const MAX_CACHED_DETAILS = 32;

interface Catalogs {
  exams: ExamCatalog;
  scenarios: ReadonlyMap<string, LoadedScenario>;
}

/**
 * Mock exams for the lab server: the sets of sets.ts (and random:<seed>) composed from the scenario catalog,
 * planned on linked clusters and run with ExamRun. Running exams are kept by their cluster 1 name; after a restart
 * they are attached again on first use.
 */
export function createExamEngine(options: ExamEngineOptions): ExamEngine {
  let catalogs: Promise<Catalogs> | undefined;
  const runs = new Map<string, Promise<ExamRun>>();
  const details = new Map<string, Promise<ExamDetail | undefined>>();

  const load = (): Promise<Catalogs> => {
    catalogs ??= (async () => {
      const [exams, { scenarios }] = await Promise.all([
        loadExamCatalog(options.scenariosDir),
        loadCatalog(options.scenariosDir),
      ]);
      return { exams, scenarios: new Map(scenarios.map((s) => [s.id, s])) };
    })().catch((error: unknown) => {
      catalogs = undefined;
      throw error;
    });
    return catalogs;
  };
  const compose = async (setId: string): Promise<{ set: ExamSet; plan: ExamPlan; catalogs: Catalogs }> => {
    const loaded = await load();
    const set = resolveExam(setId, loaded.exams);
    return { set, plan: planExam(set), catalogs: loaded };
  };
  const runOf = (setId: string, clusterName: string): Promise<ExamRun> => {
    let run = runs.get(clusterName);
    if (!run) {
      run = compose(setId).then(({ set, plan, catalogs: c }) =>
        ExamRun.attach(set, plan, c.scenarios, { ...runOptions(), names: labExamNames(clusterName) }),
      );
      run.catch(() => runs.delete(clusterName));
      runs.set(clusterName, run);
    }
    return run;
  };
  const clusterNames = async (setId: string, clusterName: string): Promise<string[]> => {
    const { plan } = await compose(setId);
    const names = labExamNames(clusterName);
    return plan.clusters.map((c) => names.cluster(c.index));
  };
  const runOptions = () => ({
    provider: options.provider,
    logger: options.logger,
    image: options.image,
  });

  return {
    list: () => Promise.all(EXAM_SETS.map(async (definition) => infoOf(await compose(definition.id)))),
    get(setId) {
      // the exam page asks on every load and every notes save: tasks and solutions are made once per set
      let detail = details.get(setId);
      if (!detail) {
        detail = compose(setId).then(detailOf, (error: unknown) => {
          if (error instanceof ExamDefinitionError) return undefined;
          throw error;
        });
        detail.catch(() => details.delete(setId));
        // random:<seed> makes the key space large: keep the newest few
        if (details.size >= MAX_CACHED_DETAILS) details.delete(details.keys().next().value ?? '');
        details.set(setId, detail);
      }
      return detail;
    },
    clusterNames,
    async setUp(setId, clusterName, report) {
      const { set, plan, catalogs: c } = await compose(setId);
      const progress: ProgressSink = (event) => {
        if (event.kind === 'start') report(event.step);
        else if (event.kind === 'info') report(event.message);
      };
      const run = ExamRun.setUp(set, plan, c.scenarios, {
        ...runOptions(),
        names: labExamNames(clusterName),
        progress,
      });
      runs.set(clusterName, run);
      run.catch(() => runs.delete(clusterName));
      await run;
    },
    async grade(setId, clusterName) {
      const score = await (await runOf(setId, clusterName)).grade();
      return {
        percent: score.percent,
        passed: score.passed,
        score: score.score,
        maxScore: score.maxScore,
        tasks: score.tasks,
      };
    },
    async tearDown(setId, clusterName) {
      const pending = runs.get(clusterName);
      runs.delete(clusterName);
      const run = await pending?.catch(() => undefined);
      if (run) return run.tearDown();
      // never attached (or its clusters are half gone): delete by name, whatever exists
      const names = await clusterNames(setId, clusterName).catch(() => [clusterName]);
      await options.provider.unlink(clusterName).catch(() => undefined);
      await Promise.allSettled(names.map((name) => options.provider.delete(name)));
    },
  };
}

function infoOf({ set, plan }: { set: ExamSet; plan: ExamPlan }): ExamSetInfo {
  const summary = summarizeExam(set);
  return {
    id: set.id,
    title: set.title,
    tasks: summary.tasks,
    clusters: plan.clusters.length,
    expectedMinutes: summary.minutes,
    domains: summary.domains.map((d) => ({ domain: d.domain, percent: d.percent })),
  };
}

async function detailOf(composed: { set: ExamSet; plan: ExamPlan; catalogs: Catalogs }): Promise<ExamDetail> {
  const { set, plan, catalogs } = composed;
  const clusterOf = (scenario: string): number =>
    plan.clusters.find((c) => c.scenarios.includes(scenario))?.index ?? 1;
  const taskList = set.scenarios.flatMap((scenario) => {
    const loaded = catalogs.scenarios.get(scenario.id);
    const cluster = clusterOf(scenario.id);
    return scenario.tasks.map((task) => {
      const text = loaded?.spec.tasks.find((t) => t.id === task.id)?.instructions ?? '';
      return {
        key: `${scenario.id}/${task.id}`,
        scenario: scenario.id,
        scenarioTitle: loaded?.spec.title ?? scenario.id,
        task: task.id,
        title: task.title,
        weight: task.weight,
        domain: scenario.domain,
        cluster,
        host: examHost(cluster),
        instructions: `${loaded?.instructions ?? ''}\n\n### ${task.title}\n\n${text}`,
      };
    });
  });
  const solutions = await Promise.all(
    set.scenarios.map(async (scenario) => {
      const loaded = catalogs.scenarios.get(scenario.id);
      return {
        scenario: scenario.id,
        title: loaded?.spec.title ?? scenario.id,
        markdown: loaded ? await solutionMarkdown(loaded) : '',
      };
    }),
  );
  return { ...infoOf(composed), taskList, solutions };
}
