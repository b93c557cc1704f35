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
