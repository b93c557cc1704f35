import { randomBytes } from 'node:crypto';
import type { GradeResult } from '../../grader/index.js';
import type { ClusterProvider } from '../clusters/types.js';
import type { Logger } from '../log.js';
import { silentProgress, type ProgressSink } from '../progress.js';
import { gradeScenario } from '../scenarios/grade.js';
import { ensureScenarioImages } from '../scenarios/images.js';
import type { LoadedScenario } from '../scenarios/loader.js';
import { setupScenario, solveScenario } from '../scenarios/steps.js';
import { connectToCluster, type ScenarioTarget } from '../scenarios/target.js';
import { EXAM_HOST_PREFIX } from './hosts.js';
import { scoreExam, type ExamScore } from './scoring.js';
import type { ExamPlan, ExamSet } from './types.js';

export interface ExamRunOptions {
  provider: ClusterProvider;
  logger: Logger;
  progress?: ProgressSink;
  /** Node image; the provider's default when absent. */
  image?: string;
  createTimeoutMs?: number;
  /** The clusters' and the link's names; default: a random cks-x… prefix with -1, -2 … */
  names?: ExamNames;
  /** Makes a scenario's images present locally and returns their refs (default: build or verify them). */
  ensureImages?: (scenario: LoadedScenario, progress: ProgressSink) => Promise<string[]>;
}

/** How an exam's clusters and their link are named. */
export interface ExamNames {
  link: string;
  cluster: (index: number) => string;
}

/** A lab's exam: cluster 1 has the lab's own cluster name (its terminal opens there), the others <name>-N. */
export function labExamNames(clusterName: string): ExamNames {
  return {
    link: clusterName,
    cluster: (index) => (index === 1 ? clusterName : `${clusterName}-${index}`),
  };
}

function randomNames(): ExamNames {
  const prefix = `cks-x${randomBytes(3).toString('hex')}`;
  return { link: prefix, cluster: (index) => `${prefix}-${index}` };
}

/** One cluster of a running exam and the scenarios set up on it. */
export interface ExamCluster {
  /** 1-based, as the plan and the learner name it. */
  index: number;
  name: string;
  target: ScenarioTarget;
  scenarios: readonly LoadedScenario[];
}

/** A scenario of the set that the catalog given to setUpExam does not hold. */
export class ExamRunError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExamRunError';
  }
}

/**
 * An exam on real clusters: one per planned cluster, each with its scenarios set up. Grading scores only the tasks
 * the set chose, each with its weight (scoring.ts); tearDown deletes every cluster.
 */
export class ExamRun {
  private constructor(
    readonly set: ExamSet,
    /** Names the clusters (<name>-1 …) and their link. */
    readonly name: string,
    readonly clusters: readonly ExamCluster[],
    private readonly options: ExamRunOptions,
  ) {}

  /**
   * Creates the plan's clusters and sets every scenario up on its own, the clusters side by side. Ordered steps
   * that clean up: whatever fails, the clusters already created are deleted before the error is passed on.
   */
  static async setUp(
    set: ExamSet,
    plan: ExamPlan,
    catalog: ReadonlyMap<string, LoadedScenario>,
    options: ExamRunOptions,
  ): Promise<ExamRun> {
    const scenariosOf = scenariosByCluster(set, plan, catalog);
    const names = options.names ?? randomNames();
    const prefix = names.link;
    const progress = options.progress ?? silentProgress;
    const created: string[] = [];
    let linked = false;
    // the images, each built once and one at a time (two scenarios may share one), while the clusters are created
    const images = buildImages(scenariosOf.flat(), labelledAs(progress, 'images'), options);
    try {
      // each phase settles whole before a failure is handled, so nothing finishes after its cleanup
      const [clusters, refs] = await Promise.all([
        allOrFirstError(
          plan.clusters.map(async (planned, i): Promise<ExamCluster> => {
            const name = names.cluster(planned.index);
            await options.provider.create(name, {
              nodes: planned.nodes,
              image: options.image,
              timeoutMs: options.createTimeoutMs,
              progress: labelled(progress, planned.index),
            });
            created.push(name);
            const target = await connectToCluster(options.provider, name, options.logger);
            return { index: planned.index, name, target, scenarios: scenariosOf[i] ?? [] };
          }),
        ),
        images,
      ]);
      await options.provider.link(
        prefix,
        clusters.map((c) => c.name),
        EXAM_HOST_PREFIX,
      );
      linked = true;
      await allOrFirstError(
        clusters.map(async (cluster) => {
          const sink = labelled(progress, cluster.index);
          for (const scenario of cluster.scenarios)
            await setupScenario(scenario, cluster.target, {
              progress: sink,
              ensureImages: async (s) => refs.get(s.id) ?? [],
            });
        }),
      );
      return new ExamRun(set, prefix, clusters, options);
    } catch (error) {
      await images.catch(() => undefined); // a build still running must not outlive the failure
      if (linked) await options.provider.unlink(prefix).catch(() => undefined);
      await Promise.allSettled(created.map((name) => options.provider.delete(name)));
      throw error;
    }
  }

  /**
   * An exam set up earlier (before a server restart): connects to its clusters again, sets nothing up. Fails when
   * a cluster cannot be reached.
   */
  static async attach(
    set: ExamSet,
    plan: ExamPlan,
    catalog: ReadonlyMap<string, LoadedScenario>,
    options: ExamRunOptions & { names: ExamNames },
  ): Promise<ExamRun> {
    const scenariosOf = scenariosByCluster(set, plan, catalog);
    const clusters = await Promise.all(
      plan.clusters.map(async (planned, i): Promise<ExamCluster> => {
        const name = options.names.cluster(planned.index);
        const target = await connectToCluster(options.provider, name, options.logger);
        return { index: planned.index, name, target, scenarios: scenariosOf[i] ?? [] };
      }),
    );
    return new ExamRun(set, options.names.link, clusters, options);
  }

  /** Grades every scenario on its cluster and scores the exam; a scenario whose grading fails scores nothing. */
  async grade(): Promise<ExamScore> {
    const grades = new Map<string, GradeResult>();
    await Promise.all(
      this.clusters.map(async (cluster) => {
        for (const scenario of cluster.scenarios) {
          try {
            grades.set(scenario.id, await gradeScenario(scenario, cluster.target));
          } catch (error) {
            this.options.logger.warn(
              { err: error, scenario: scenario.id },
              'grading an exam scenario failed',
            );
          }
        }
      }),
    );
    return scoreExam(this.set, grades);
  }

  /** Runs one scenario's solution on its cluster (an author's or a test's way to answer it). */
  async solve(scenarioId: string): Promise<void> {
    const cluster = this.clusters.find((c) => c.scenarios.some((s) => s.id === scenarioId));
    const scenario = cluster?.scenarios.find((s) => s.id === scenarioId);
    if (!cluster || !scenario) throw new ExamRunError(`exam ${this.set.id} has no scenario ${scenarioId}`);
    await solveScenario(scenario, cluster.target, { progress: this.options.progress });
  }

  /** Where a scenario runs: "cluster 2 (cks-x…-2)". */
  clusterOf(scenarioId: string): ExamCluster | undefined {
    return this.clusters.find((c) => c.scenarios.some((s) => s.id === scenarioId));
  }

  async tearDown(): Promise<void> {
    await this.options.provider.unlink(this.name).catch((error: unknown) => {
      this.options.logger.warn({ err: error, exam: this.name }, 'unlinking the exam clusters failed');
    });
    await Promise.allSettled(this.clusters.map((c) => this.options.provider.delete(c.name)));
  }
}

function scenariosByCluster(
  set: ExamSet,
  plan: ExamPlan,
  catalog: ReadonlyMap<string, LoadedScenario>,
): LoadedScenario[][] {
  return plan.clusters.map((planned) =>
    planned.scenarios.map((id) => {
      const loaded = catalog.get(id);
      if (!loaded) throw new ExamRunError(`exam ${set.id}: scenario ${id} is not in the catalog`);
      return loaded;
    }),
  );
}

function labelled(progress: ProgressSink, index: number): ProgressSink {
  return labelledAs(progress, `cluster ${index}`);
}

function labelledAs(progress: ProgressSink, label: string): ProgressSink {
  return (event) => progress({ ...event, step: `${label}: ${event.step}` });
}

/** Every scenario's image refs, building what is missing one scenario after the other. */
async function buildImages(
  scenarios: readonly LoadedScenario[],
  progress: ProgressSink,
  options: Pick<ExamRunOptions, 'ensureImages'>,
): Promise<Map<string, string[]>> {
  const ensure = options.ensureImages ?? ((s, sink) => ensureScenarioImages(s, sink));
  const refs = new Map<string, string[]>();
  for (const scenario of scenarios) refs.set(scenario.id, await ensure(scenario, progress));
  return refs;
}

/** Like Promise.all, but waits for every promise to settle before rejecting with the first failure. */
async function allOrFirstError<T>(work: readonly Promise<T>[]): Promise<T[]> {
  const settled = await Promise.allSettled(work);
  const failed = settled.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
}
