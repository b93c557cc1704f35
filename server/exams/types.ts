import type { Domain } from '../scenarios/schema.js';

/** One scenario in an exam set: all of its tasks, or only the listed task ids. */
export interface ExamEntry {
  scenario: string;
  tasks?: readonly string[];
}

/** A named exam set as authors write it (sets.ts) or as `random:<seed>` selects it. */
export interface ExamDefinition {
  id: string;
  title: string;
  entries: readonly ExamEntry[];
}

export interface ExamTask {
  id: string;
  title: string;
  weight: number;
}

/**
 * A scenario as the exam sees it: its chosen tasks, and what it shares with other scenarios on a cluster.
 * Plain data, so the planner can be tested without the catalog.
 */
export interface ExamScenario {
  id: string;
  domain: Domain;
  /** Expected minutes for the chosen tasks (the scenario's minutes, in proportion to their weight). */
  minutes: number;
  nodes: 1 | 2;
  features: readonly string[];
  tasks: readonly ExamTask[];
  /** Keys from scenario.yaml `globalState`. */
  globalState: readonly string[];
  /** Namespaces its manifests create or use. */
  namespaces: readonly string[];
  /** Fixed Service cluster IPs its manifests ask for (two Services cannot share one). */
  serviceIps: readonly string[];
}

export interface ExamSet {
  id: string;
  title: string;
  scenarios: readonly ExamScenario[];
}

/** A cluster of an exam plan and the scenarios set up on it. */
export interface PlannedCluster {
  /** 1-based, as the exam names them to the learner ("cluster 2"). */
  index: number;
  nodes: 1 | 2;
  features: readonly string[];
  scenarios: readonly string[];
  globalState: readonly string[];
  minutes: number;
}

export interface ExamPlan {
  examId: string;
  clusters: readonly PlannedCluster[];
}
