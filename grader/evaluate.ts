import { evaluateAccess } from './checks/access.js';
import { evaluateAdmission } from './checks/admission.js';
import { combineAllOf, combineAnyOf, combineNot } from './checks/composite.js';
import type { CheckEnv } from './checks/env.js';
import { evaluateNodeExec } from './checks/node-exec.js';
import { evaluateNodeFile } from './checks/node-file.js';
import { evaluatePodExec } from './checks/pod-exec.js';
import { evaluateResource } from './checks/resource.js';
import { evaluateScript } from './checks/script.js';
import { CheckTimeoutError, explainError } from './errors.js';
import type { KubeClients } from './kube/objects.js';
import type { Check, LeafCheck } from './schema/check.js';
import type { CheckResult, GraderContext, NodeExecOutput, Verdict } from './types.js';

/** Shared by all checks of one grading run. */
export interface GradingRun {
  ctx: GraderContext;
  kube: () => Promise<KubeClients>;
  /** Takes a concurrency slot for a leaf check; composites never hold one, so nesting cannot deadlock. */
  limit: <T>(task: () => Promise<T>) => Promise<T>;
  /** `cat` of a node file, read once per grading run however many checks look at it (e.g. the API server manifest). */
  readNodeFile: (node: string, path: string, timeoutMs: number) => Promise<NodeExecOutput>;
}

export async function runCheck(
  check: Check,
  run: GradingRun,
  inheritedTimeoutMs?: number,
): Promise<CheckResult> {
  const started = Date.now();
  const timeoutMs = check.timeoutSeconds
    ? check.timeoutSeconds * 1000
    : (inheritedTimeoutMs ?? run.ctx.checkTimeoutMs);
  const verdict = await verdictOf(check, run, timeoutMs);
  const result: CheckResult = {
    id: check.id,
    kind: check.kind,
    ...(check.description ? { description: check.description } : {}),
    ...(check.conceal ? { conceal: true } : {}),
    ...verdict,
    ...(verdict.status !== 'pass' && check.hint ? { hint: check.hint } : {}),
    durationMs: Date.now() - started,
  };
  run.ctx.logger.debug(
    { check: check.id, kind: check.kind, status: result.status, durationMs: result.durationMs },
    'check',
  );
  return result;
}

async function verdictOf(check: Check, run: GradingRun, timeoutMs: number): Promise<Verdict> {
  switch (check.kind) {
    case 'allOf':
      return combineAllOf(check, await Promise.all(check.checks.map((c) => runCheck(c, run, timeoutMs))));
    case 'anyOf':
      return combineAnyOf(check, await Promise.all(check.checks.map((c) => runCheck(c, run, timeoutMs))));
    case 'not':
      return combineNot(check, await runCheck(check.check, run, timeoutMs));
    default:
      return run.limit(() => evaluateLeafWithTimeout(check, run, timeoutMs));
  }
}

/** Any thrown error becomes an `error` verdict: the grader could not decide, which is not the learner's fail. */
async function evaluateLeafWithTimeout(
  check: LeafCheck,
  run: GradingRun,
  timeoutMs: number,
): Promise<Verdict> {
  const grade = run.ctx.signal;
  // a check still waiting for a slot when the grade was cancelled never runs
  if (grade?.aborted) return { status: 'error', message: explainError(grade.reason) };
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let onGradeAbort: (() => void) | undefined;
  const stopped = new Promise<Verdict>((resolve) => {
    const stop = (reason: unknown) => {
      controller.abort(reason);
      resolve({ status: 'error', message: explainError(reason) });
    };
    timer = setTimeout(() => stop(new CheckTimeoutError(timeoutMs)), timeoutMs);
    onGradeAbort = () => stop(grade?.reason);
    grade?.addEventListener('abort', onGradeAbort, { once: true });
  });
  const env: CheckEnv = {
    ctx: run.ctx,
    kube: run.kube,
    signal: controller.signal,
    timeoutMs,
    readNodeFile: (node, path) => run.readNodeFile(node, path, timeoutMs),
  };
  const evaluation = evaluateLeaf(check, env).catch((error: unknown): Verdict => {
    if (controller.signal.aborted)
      return { status: 'error', message: explainError(controller.signal.reason) };
    run.ctx.logger.debug({ check: check.id, err: error }, 'check could not decide');
    return { status: 'error', message: explainError(error) };
  });
  try {
    return await Promise.race([evaluation, stopped]);
  } finally {
    clearTimeout(timer);
    if (onGradeAbort) grade?.removeEventListener('abort', onGradeAbort);
  }
}

function evaluateLeaf(check: LeafCheck, env: CheckEnv): Promise<Verdict> {
  switch (check.kind) {
    case 'resource':
      return evaluateResource(check, env);
    case 'admission':
      return evaluateAdmission(check, env);
    case 'access':
      return evaluateAccess(check, env);
    case 'podExec':
      return evaluatePodExec(check, env);
    case 'nodeExec':
      return evaluateNodeExec(check, env);
    case 'nodeFile':
      return evaluateNodeFile(check, env);
    case 'script':
      return evaluateScript(check, env);
  }
}
