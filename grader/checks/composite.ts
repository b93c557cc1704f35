import type { AllOfCheck, AnyOfCheck, NotCheck } from '../schema/check.js';
import type { CheckResult, Verdict } from '../types.js';

/** allOf: any fail → fail; otherwise any error → error (could not decide); otherwise pass. */
export function combineAllOf(_check: AllOfCheck, children: CheckResult[]): Verdict {
  const failed = children.filter((c) => c.status === 'fail');
  if (failed.length > 0)
    return { status: 'fail', message: failed.map((c) => c.message).join('; '), children };
  const errored = children.filter((c) => c.status === 'error');
  if (errored.length > 0)
    return { status: 'error', message: errored.map((c) => c.message).join('; '), children };
  return { status: 'pass', message: `all ${children.length} conditions hold`, children };
}

/** anyOf: any pass → pass; otherwise any error → error; otherwise fail. */
export function combineAnyOf(_check: AnyOfCheck, children: CheckResult[]): Verdict {
  const passed = children.find((c) => c.status === 'pass');
  if (passed) return { status: 'pass', message: passed.message, children };
  const errored = children.filter((c) => c.status === 'error');
  if (errored.length > 0)
    return { status: 'error', message: errored.map((c) => c.message).join('; '), children };
  return {
    status: 'fail',
    message: `none of the ${children.length} alternatives holds: ${children.map((c) => c.message).join(' | ')}`,
    children,
  };
}

export function combineNot(_check: NotCheck, child: CheckResult): Verdict {
  const children = [child];
  if (child.status === 'error') return { status: 'error', message: child.message, children };
  if (child.status === 'pass') {
    return { status: 'fail', message: `expected this not to hold, but it does: ${child.message}`, children };
  }
  return { status: 'pass', message: `as required, this does not hold: ${child.message}`, children };
}
