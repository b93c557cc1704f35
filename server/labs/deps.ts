import type { ClusterProvider } from '../clusters/types.js';
import type { TaskResult } from '../store/index.js';

/**
 * What the lab server needs from scenarios and the grader, kept narrow so the lifecycle can be tested with a
 * double and the real engine (scenario-engine.ts) adapts server/scenarios + grader/ to it.
 */
export interface ScenarioSummary {
  id: string;
  title: string;
  /** CKS curriculum domain, e.g. "Minimize Microservice Vulnerabilities". */
  domain: string;
  difficulty: 'easy' | 'medium' | 'hard';
  minutes: number;
  summary: string;
}

export interface ScenarioTaskInfo {
  id: string;
  title: string;
  weight: number;
  /** Markdown. */
  instructions: string;
}

export interface ScenarioDetail extends ScenarioSummary {
  nodes: 1 | 2;
  /** Markdown shown beside the terminal. */
  instructions: string;
  tasks: ScenarioTaskInfo[];
  /** Markdown, revealed only after a first Check. */
  solution: string;
}

export interface LabGrade {
  /** 0–100 */
  percent: number;
  passed: boolean;
  durationMs: number;
  tasks: TaskResult[];
}

export type ReportLine = (message: string) => void;

export interface ScenarioEngine {
  list(): Promise<ScenarioSummary[]>;
  get(id: string): Promise<ScenarioDetail | undefined>;
  /** Loads the images the scenario lists into every node, so nothing is pulled at lab time. */
  preloadImages(cluster: string, scenarioId: string, report: ReportLine, signal: AbortSignal): Promise<void>;
  /** Runs the scenario's setup steps on a fresh cluster. */
  setup(cluster: string, scenarioId: string, report: ReportLine, signal: AbortSignal): Promise<void>;
  /** Grades the live cluster (read-only); an aborted signal stops its node commands and API calls and rejects. */
  grade(cluster: string, scenarioId: string, signal: AbortSignal): Promise<LabGrade>;
}

/** The part of the cluster provider the lab server uses. */
export type LabClusterProvider = Pick<
  ClusterProvider,
  'create' | 'delete' | 'list' | 'leftoverNetworks' | 'nodes' | 'exec' | 'openShell'
>;

/**
 * Whether labs can get clusters yet (a Docker engine answers, the node image exists): null when they can, else
 * the sentence saying why not and what to run. Until then no lab starts and the pool creates nothing.
 */
export interface PlatformGate {
  blocker(): string | null;
}

/** One task of a mock exam as the exam page shows it. */
export interface ExamTaskInfo {
  /** scenario/task: unique within the exam. */
  key: string;
  scenario: string;
  scenarioTitle: string;
  task: string;
  title: string;
  weight: number;
  domain: string;
  /** 1-based: the cluster the task is on, reached with `ssh <host>` from the terminal. */
  cluster: number;
  host: string;
  /** Markdown: the scenario's context, then the task's own text. */
  instructions: string;
}

export interface ExamSetInfo {
  id: string;
  title: string;
  tasks: number;
  clusters: number;
  /** What the tasks are expected to take, summed (the exam's clock is set separately). */
  expectedMinutes: number;
  domains: { domain: string; percent: number }[];
}

export interface ExamDetail extends ExamSetInfo {
  taskList: ExamTaskInfo[];
  /** Markdown per scenario, shown only once the exam is over. */
  solutions: { scenario: string; title: string; markdown: string }[];
}

/** The graded exam: each task whole or nothing, with what still fails (server/exams/scoring.ts). */
export interface ExamGrade {
  percent: number;
  passed: boolean;
  score: number;
  maxScore: number;
  tasks: {
    scenario: string;
    task: string;
    title: string;
    weight: number;
    score: number;
    status: 'pass' | 'fail' | 'error';
    problems: string[];
  }[];
}

/**
 * What the lab server needs of mock exams (the real one is server/exams/engine.ts). An exam's clusters are named
 * from the lab's cluster name (cluster 1), so a restarted server finds them again.
 */
export interface ExamEngine {
  list(): Promise<ExamSetInfo[]>;
  /** Undefined when there is no such set (or random seed) in the catalog. */
  get(setId: string): Promise<ExamDetail | undefined>;
  /** Cluster names the exam will have, cluster 1 first. */
  clusterNames(setId: string, clusterName: string): Promise<string[]>;
  /** Creates, links and sets up every cluster; cleans up what it made when it fails. */
  setUp(setId: string, clusterName: string, report: ReportLine): Promise<void>;
  grade(setId: string, clusterName: string): Promise<ExamGrade>;
  /** Unlinks and deletes every cluster of the exam; no error for what is already gone. */
  tearDown(setId: string, clusterName: string): Promise<void>;
}
