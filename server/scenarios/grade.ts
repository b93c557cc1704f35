import { gradeTasks, type GradeResult, type GraderContext } from '../../grader/index.js';
import type { LoadedScenario } from './loader.js';
import type { ScenarioTarget } from './target.js';

const NODE_KUBECONFIG = '/etc/kubernetes/admin.conf';

export interface GradeOptions {
  /** Per-check upper bound (default 15 s). */
  checkTimeoutMs?: number;
  concurrency?: number;
}

/** The grader's view of a cluster: its kubeconfig and node exec through the provider, nothing more. */
export function graderContext(target: ScenarioTarget, options: GradeOptions = {}): GraderContext {
  return {
    kubeConfig: target.kubeConfig,
    nodes: target.nodes,
    logger: target.logger.child({ component: 'grader' }),
    checkTimeoutMs: options.checkTimeoutMs ?? 15_000,
    concurrency: options.concurrency,
    nodeExec: async (node, argv, exec = {}) => {
      const { exitCode, stdout, stderr } = await target.provider.exec(target.cluster, node, argv, {
        input: exec.input,
        timeoutMs: exec.timeoutMs,
        signal: exec.signal,
        env: { KUBECONFIG: NODE_KUBECONFIG },
        allowFailure: true,
      });
      return { exitCode, stdout, stderr };
    },
  };
}

export function gradeScenario(
  scenario: LoadedScenario,
  target: ScenarioTarget,
  options: GradeOptions = {},
): Promise<GradeResult> {
  return gradeTasks(scenario.spec.tasks, graderContext(target, options));
}
