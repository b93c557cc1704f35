import type { LoadedScenario } from '../scenarios/loader.js';
import { ExamRun, type ExamRunOptions } from './runner.js';
import type { ExamScore } from './scoring.js';
import type { ExamPlan, ExamSet } from './types.js';

export interface ExamProof {
  /** Every cluster created, linked and set up. */
  readyMs: number;
  unsolved: ExamScore;
  solved: ExamScore;
  totalMs: number;
  /** Nothing scored before any answer, everything after the solutions. */
  ok: boolean;
  /** With keep: the clusters left running, and the name of their link. */
  kept: readonly string[];
  link: string;
}

/**
 * `exam test`: the whole exam on its planned clusters, graded as the exam grades it: 0 % before any answer and
 * 100 % after every scenario's solution. Proves a set sets up together (no two scenarios undoing each other on a
 * shared cluster) and that its tasks score as their scenarios' own proofs say.
 */
export async function proveExam(
  set: ExamSet,
  plan: ExamPlan,
  catalog: ReadonlyMap<string, LoadedScenario>,
  options: ExamRunOptions & { keep?: boolean },
): Promise<ExamProof> {
  const started = Date.now();
  const run = await ExamRun.setUp(set, plan, catalog, options);
  try {
    const readyMs = Date.now() - started;
    const unsolved = await run.grade();
    for (const scenario of set.scenarios) await run.solve(scenario.id);
    const solved = await run.grade();
    return {
      readyMs,
      unsolved,
      solved,
      totalMs: Date.now() - started,
      ok: unsolved.score === 0 && solved.percent === 100,
      kept: options.keep ? run.clusters.map((c) => c.name) : [],
      link: run.name,
    };
  } finally {
    if (!options.keep) await run.tearDown();
  }
}
