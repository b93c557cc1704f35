import { learnerMessage, type GradeResult } from '../../grader/index.js';
import type { ExamSet } from './types.js';

/** The real exam's pass mark. */
export const PASS_PERCENT = 67;

export interface ExamTaskScore {
  scenario: string;
  task: string;
  title: string;
  weight: number;
  /**
   * Points earned: the whole weight when every check of the task passes, else none. Checks of a task include
   * guards that hold on an untouched cluster ("the other workloads still run"), so crediting checks one by one
   * would score an exam nobody answered above zero.
   */
  score: number;
  status: GradeResult['status'];
  /** What still fails, as a learner may read it (a concealed check does not give its subject away). */
  problems: string[];
}

export interface ExamScore {
  examId: string;
  /** 0–100, weighted over every task of the exam. */
  percent: number;
  passed: boolean;
  score: number;
  maxScore: number;
  tasks: ExamTaskScore[];
}

/**
 * Scores an exam from its scenarios' grades: only the tasks the set chose count, each with its weight. A scenario
 * that could not be graded (missing from `grades`) scores nothing for its tasks, as an unanswered question would.
 */
export function scoreExam(set: ExamSet, grades: ReadonlyMap<string, GradeResult>): ExamScore {
  const tasks = set.scenarios.flatMap((scenario) =>
    scenario.tasks.map((task): ExamTaskScore => {
      const graded = grades.get(scenario.id)?.tasks.find((t) => t.id === task.id);
      return {
        scenario: scenario.id,
        task: task.id,
        title: task.title,
        weight: task.weight,
        score: graded?.status === 'pass' ? task.weight : 0,
        status: graded?.status ?? 'error',
        problems: graded
          ? graded.checks.filter((c) => c.status !== 'pass').map(learnerMessage)
          : ['this task could not be graded'],
      };
    }),
  );
  const score = tasks.reduce((sum, t) => sum + t.score, 0);
  const maxScore = tasks.reduce((sum, t) => sum + t.weight, 0);
  const percent = maxScore === 0 ? 0 : Math.round((score / maxScore) * 1000) / 10;
  return { examId: set.id, percent, passed: percent >= PASS_PERCENT, score, maxScore, tasks };
}
