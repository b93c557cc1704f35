import type { CheckResult } from './types.js';

/** The message a learner sees for a check: a concealed check's verdict in words that name nothing it found. */
export function learnerMessage(result: Pick<CheckResult, 'status' | 'message' | 'conceal'>): string {
  if (!result.conceal) return result.message;
  if (result.status === 'pass') return 'passed';
  if (result.status === 'fail') return 'not yet';
  return 'the grader could not decide this time; check again';
}
