import { OutputTooLargeError, gradeTasks, type GradeResult, type GraderContext } from '../../grader/index.js';
import { OutputLimitError, prettyCommand } from '../exec/run.js';
import type { LoadedScenario } from './loader.js';
import type { ScenarioTarget } from './target.js';

const NODE_KUBECONFIG = '/etc/kubernetes/admin.conf';

export interface GradeOptions {
  /** Per-check upper bound (default 15 s). */
  checkTimeoutMs?: number;
  concurrency?: number;
  /** Cancels the grade: running node commands and API calls stop and gradeScenario rejects. */
  signal?: AbortSignal;
}

/** The grader's view of a cluster: its kubeconfig (from captured credentials) and node exec through the provider. */
export function graderContext(target: ScenarioTarget, options: GradeOptions = {}): GraderContext {
  return {
    kubeConfig: target.kube.kubeConfig,
    nodes: target.nodes,
    logger: target.logger.child({ component: 'grader' }),
    checkTimeoutMs: options.checkTimeoutMs ?? 15_000,
    concurrency: options.concurrency,
    signal: options.signal,
    nodeExec: async (node, argv, exec = {}) => {
      try {
        const { exitCode, stdout, stderr } = await target.provider.exec(
          target.cluster,
          node,
          inNodeTimeout(argv, exec.timeoutMs),
          {
            input: exec.input,
            timeoutMs: exec.timeoutMs,
            signal: exec.signal,
            env: { KUBECONFIG: NODE_KUBECONFIG },
            allowFailure: true,
            maxOutputBytes: exec.maxOutputBytes,
          },
        );
        return { exitCode, stdout, stderr };
      } catch (error) {
        if (!(error instanceof OutputLimitError)) throw error;
        throw new OutputTooLargeError(
          `the output of \`${prettyCommand(argv)}\` on node ${node}`,
          error.limitBytes,
        );
      }
    },
  };
}

/**
 * docker exec only detaches from a command it gives up on (output limit, timeout); it keeps running in the node,
 * e.g. a `cat` of /dev/zero. `timeout` in the node ends it once the check's time is up.
 */
function inNodeTimeout(argv: readonly string[], timeoutMs: number | undefined): readonly string[] {
  if (!timeoutMs) return argv;
  return ['timeout', '--signal=KILL', `${Math.ceil(timeoutMs / 1000) + 1}s`, ...argv];
}

export function gradeScenario(
  scenario: LoadedScenario,
  target: ScenarioTarget,
  options: GradeOptions = {},
): Promise<GradeResult> {
  return gradeTasks(scenario.spec.tasks, graderContext(target, options));
}
