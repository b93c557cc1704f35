import { KubeApiError, KubeUnreachableError } from './kube/errors.js';

/** The check could not finish in time. */
export class CheckTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(
      `the check did not finish within ${Number((timeoutMs / 1000).toFixed(1))}s; the cluster may be overloaded — try again`,
    );
    this.name = 'CheckTimeoutError';
  }
}

/** Why the grader could not decide, in words for the learner (and the scenario author). */
export function explainError(error: unknown): string {
  if (error instanceof KubeUnreachableError) return `${error.message}; is the cluster running?`;
  if (error instanceof KubeApiError) {
    if (error.status === 401 || error.status === 403) {
      return `the grader is not allowed to read this (${error.request}: ${error.serverMessage})`;
    }
    return `the Kubernetes API answered HTTP ${error.status} to ${error.request}: ${error.serverMessage}`;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}
