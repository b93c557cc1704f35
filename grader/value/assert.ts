import type { ValueAssertion } from '../schema/common.js';
import { formatValue } from './format.js';
import { isRecord, resolvePath } from './path.js';

export interface AssertionOutcome {
  ok: boolean;
  /** What was required, for "expected …": e.g. `spec.hostPID = false`, `x to match /y/`. */
  expectation: string;
  /** The same requirement stated as a fact, for pass messages: e.g. `x matches /y/`. */
  statement: string;
  /** What the object holds, e.g. `true` or `not set`. */
  found: string;
}

/** Scalars compare by text, so `equals: true` matches a label value "true" and `equals: 8080` matches "8080". */
export function looseEqual(actual: unknown, expected: unknown): boolean {
  if (isScalar(actual) && isScalar(expected)) {
    if (actual === null || expected === null) return actual === expected;
    return String(actual) === String(expected);
  }
  if (Array.isArray(actual) && Array.isArray(expected)) {
    return actual.length === expected.length && actual.every((item, i) => looseEqual(item, expected[i]));
  }
  if (isRecord(actual) && isRecord(expected)) {
    const keys = new Set([...Object.keys(actual), ...Object.keys(expected)]);
    return [...keys].every((key) => looseEqual(actual[key], expected[key]));
  }
  return actual === expected;
}

/** `needle` is a part of `haystack`: substring of a string, element of an array, sub-mapping of a mapping. */
export function containsValue(haystack: unknown, needle: unknown): boolean {
  if (typeof haystack === 'string')
    return isScalar(needle) && needle !== null && haystack.includes(String(needle));
  if (Array.isArray(haystack))
    return haystack.some((item) => looseEqual(item, needle) || isSubset(item, needle));
  return isSubset(haystack, needle);
}

function isSubset(actual: unknown, expected: unknown): boolean {
  if (!isRecord(expected)) return false;
  if (!isRecord(actual)) return false;
  return Object.entries(expected).every(([key, value]) =>
    isRecord(value) ? isSubset(actual[key], value) : looseEqual(actual[key], value),
  );
}

export function matchesValue(value: unknown, pattern: RegExp): boolean {
  if (Array.isArray(value)) return value.some((item) => matchesValue(item, pattern));
  return isScalar(value) && value !== null && pattern.test(String(value));
}

function isScalar(value: unknown): value is string | number | boolean | null {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/** Checks one value against the assertion's operator. */
function test(value: unknown, assertion: ValueAssertion): boolean {
  if (assertion.equals !== undefined) return looseEqual(value, assertion.equals);
  if (assertion.notEquals !== undefined) return !looseEqual(value, assertion.notEquals);
  if (assertion.contains !== undefined) return containsValue(value, assertion.contains);
  if (assertion.matches !== undefined) return matchesValue(value, new RegExp(assertion.matches));
  return isSet(value) === assertion.exists;
}

function describe(assertion: ValueAssertion, subject: string): { expectation: string; statement: string } {
  const phrase = (expectation: string, statement: string) => ({
    expectation: `${subject} ${expectation}`,
    statement: `${subject} ${statement}`,
  });
  if (assertion.equals !== undefined) {
    const value = formatValue(assertion.equals);
    return phrase(`= ${value}`, `= ${value}`);
  }
  if (assertion.notEquals !== undefined) {
    const value = formatValue(assertion.notEquals);
    return phrase(`not to be ${value}`, `is not ${value}`);
  }
  if (assertion.contains !== undefined) {
    const value = formatValue(assertion.contains);
    return phrase(`to contain ${value}`, `contains ${value}`);
  }
  if (assertion.matches !== undefined) {
    return phrase(`to match /${assertion.matches}/`, `matches /${assertion.matches}/`);
  }
  return assertion.exists ? phrase('to be set', 'is set') : phrase('not to be set', 'is not set');
}

/** Evaluates an assertion against an object (a Kubernetes object or a parsed YAML file). */
export function assertValue(root: unknown, assertion: ValueAssertion): AssertionOutcome {
  const resolved = resolvePath(root, assertion.path);
  const value = resolved.many ? resolved.values : resolved.value;
  if (!assertion.each) {
    return { ok: test(value, assertion), ...describe(assertion, assertion.path), found: formatValue(value) };
  }
  const phrases = describe(assertion, `every element of ${assertion.path}`);
  if (!Array.isArray(value)) return { ok: false, ...phrases, found: `${formatValue(value)} (not a list)` };
  if (value.length === 0) return { ok: false, ...phrases, found: 'an empty list' };
  const failing = value.findIndex((item) => !test(item, assertion));
  if (failing === -1) return { ok: true, ...phrases, found: formatValue(value) };
  return {
    ok: false,
    ...phrases,
    found: `${formatValue(value[failing])} at index ${failing} of ${formatValue(value)}`,
  };
}
