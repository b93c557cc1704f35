import { Discovery } from './kube/discovery.js';
import type { KubeClients } from './kube/objects.js';
import { KubeRest } from './kube/rest.js';
import { createLimiter } from './limit.js';
import { NODE_OUTPUT_LIMIT_BYTES } from './output-limits.js';
import { runCheck, type GradingRun } from './evaluate.js';
import type {
  CheckResult,
  CheckStatus,
  GradableTask,
  GradeResult,
  GraderContext,
  TaskResult,
} from './types.js';

const DEFAULT_CONCURRENCY = 8;

/** One call per (node, path) for the lifetime of a grading run; later callers share the first call's answer. */
function memoByKey<R>(read: (node: string, path: string, timeoutMs: number) => Promise<R>) {
  const reads = new Map<string, Promise<R>>();
  return (node: string, path: string, timeoutMs: number): Promise<R> => {
    const key = `${node}\0${path}`;
    let pending = reads.get(key);
    if (!pending) {
      pending = read(node, path, timeoutMs);
      reads.set(key, pending);
    }
    return pending;
  };
}

/** Grades tasks against a live cluster: read-only, every check concurrently, each bounded by its timeout. */
export async function gradeTasks(tasks: readonly GradableTask[], ctx: GraderContext): Promise<GradeResult> {
  ctx.signal?.throwIfAborted();
  const started = Date.now();
  const run: GradingRun = {
    ctx,
    kube: memo(() => createClients(ctx)),
    limit: createLimiter(ctx.concurrency ?? DEFAULT_CONCURRENCY),
    readNodeFile: memoByKey((node: string, path: string, timeoutMs: number) =>
      ctx.nodeExec(node, ['cat', '--', path], {
        timeoutMs,
        maxOutputBytes: NODE_OUTPUT_LIMIT_BYTES,
        // shared by several checks, so only the whole grade's cancellation may stop it
        signal: ctx.signal,
      }),
    ),
  };
  const results = await Promise.all(
    tasks.map(async (task) =>
      scoreTask(task, await Promise.all(task.checks.map((check) => runCheck(check, run)))),
    ),
  );
  // the checks cut short by a cancellation say "error": that is no verdict on the learner's work
  ctx.signal?.throwIfAborted();
  const score = results.reduce((sum, task) => sum + task.score, 0);
  const maxScore = results.reduce((sum, task) => sum + task.weight, 0);
  const grade: GradeResult = {
    status: worstStatus(results.map((task) => task.status)),
    percent: maxScore === 0 ? 0 : Math.round((score / maxScore) * 1000) / 10,
    score,
    maxScore,
    tasks: results,
    durationMs: Date.now() - started,
  };
  ctx.logger.info({ status: grade.status, percent: grade.percent, durationMs: grade.durationMs }, 'graded');
  return grade;
}

function scoreTask(task: GradableTask, checks: CheckResult[]): TaskResult {
  const status = worstStatus(checks.map((check) => check.status));
  const passed = checks.filter((check) => check.status === 'pass').length;
  return {
    id: task.id,
    title: task.title,
    status,
    weight: task.weight,
    score: checks.length === 0 ? 0 : (task.weight * passed) / checks.length,
    checks,
    hints: status === 'pass' ? [] : (task.hints ?? []),
  };
}

/** fail outranks error: a definite "not done yet" is more useful to the learner than "could not tell". */
function worstStatus(statuses: CheckStatus[]): CheckStatus {
  if (statuses.includes('fail')) return 'fail';
  if (statuses.includes('error')) return 'error';
  return 'pass';
}

/** Clients live as long as their KubeConfig, so repeated grades of a lab reuse connections and discovery. */
const clientsByConfig = new WeakMap<GraderContext['kubeConfig'], Promise<KubeClients>>();

function createClients(ctx: GraderContext): Promise<KubeClients> {
  let clients = clientsByConfig.get(ctx.kubeConfig);
  if (!clients) {
    clients = KubeRest.fromKubeConfig(ctx.kubeConfig).then((rest) => ({
      rest,
      discovery: new Discovery(rest),
    }));
    clientsByConfig.set(ctx.kubeConfig, clients);
    clients.catch(() => clientsByConfig.delete(ctx.kubeConfig));
  }
  return clients;
}

function memo<T>(factory: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= factory());
}
