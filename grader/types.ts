import type { KubeConfig } from '@kubernetes/client-node';
import type { Logger } from 'pino';
import type { Check } from './schema/check.js';

/** Scenario nodes are named by role; the context maps a role to the real node name. */
export type NodeRole = 'control-plane' | 'worker';

export interface NodeExecOptions {
  /** Written to the command's stdin. */
  input?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  /**
   * Stop the command once it has printed this many bytes (stdout and stderr together) and reject with
   * OutputTooLargeError: node files and commands are the learner's, and `cat` of a link to /dev/zero never ends.
   */
  maxOutputBytes?: number;
}

export interface NodeExecOutput {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Everything the grader may touch. It is handed in by the caller, so the grader never imports server code. */
export interface GraderContext {
  kubeConfig: KubeConfig;
  /**
   * Runs argv on a node (by node name); resolves with a non-zero exit code instead of throwing, but rejects with
   * OutputTooLargeError when the output passes options.maxOutputBytes (the grader always sets it).
   */
  nodeExec(node: string, argv: readonly string[], options?: NodeExecOptions): Promise<NodeExecOutput>;
  /** Node name for each role the cluster has (`worker` is absent on one-node clusters). */
  nodes: { 'control-plane': string; worker?: string };
  logger: Logger;
  /** Upper bound for one check; a check that runs longer is reported as `error`. */
  checkTimeoutMs: number;
  /** How many checks may run at once (default 8). */
  concurrency?: number;
  /**
   * Cancels the whole grade (its deadline passed, the lab was reset or ended): running checks' commands and API
   * calls are aborted, waiting checks never start, and gradeTasks rejects with the signal's reason.
   */
  signal?: AbortSignal;
}

/** pass/fail is the grader's verdict on the learner's work; error means it could not decide (API down, timeout). */
export type CheckStatus = 'pass' | 'fail' | 'error';

/** What a check evaluator returns: the verdict and a learner-facing sentence stating expected vs actual. */
export interface Verdict {
  status: CheckStatus;
  message: string;
  /** Results of nested checks (allOf/anyOf/not). */
  children?: CheckResult[];
}

export interface CheckResult extends Verdict {
  id: string;
  kind: Check['kind'];
  description?: string;
  /**
   * The check gives an answer away (an investigation's subject, pod or Secret): learners get its description,
   * verdict and hint only (learnerMessage); authors and `scenario test` still see its message and nested results.
   */
  conceal?: true;
  /** The check's own hint, only when it did not pass. */
  hint?: string;
  durationMs: number;
}

/** A task as the grader needs it; scenario tasks carry more (instructions), which the grader ignores. */
export interface GradableTask {
  id: string;
  title: string;
  weight: number;
  hints?: string[];
  checks: Check[];
}

export interface TaskResult {
  id: string;
  title: string;
  status: CheckStatus;
  weight: number;
  /** Points earned: the weight times the share of the task's checks that passed. */
  score: number;
  checks: CheckResult[];
  /** The task's hints, only when it did not pass. */
  hints: string[];
}

export interface GradeResult {
  status: CheckStatus;
  /** 0–100, weighted over tasks. */
  percent: number;
  score: number;
  maxScore: number;
  tasks: TaskResult[];
  durationMs: number;
}
