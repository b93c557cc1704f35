import type { z } from 'zod';
import { formatFieldPath, type Problem } from './problems.js';
import type { YamlSource } from './yaml-source.js';

/** Turns zod's issues into problems that say file:line:col, the field, and what was expected vs found. */
export function schemaProblems(
  source: YamlSource,
  data: unknown,
  issues: readonly z.core.$ZodIssue[],
): Problem[] {
  return issues.flatMap((issue) => toProblems(source, data, issue));
}

function toProblems(source: YamlSource, data: unknown, issue: z.core.$ZodIssue): Problem[] {
  const path = issue.path as PropertyKey[];
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      file: source.file,
      ...source.keyPosition(path, key),
      field: formatFieldPath([...path, key]),
      message: `unknown field "${key}"`,
    }));
  }
  return [source.problemAt(path, describe(issue, valueAt(data, path)))];
}

function describe(issue: z.core.$ZodIssue, found: unknown): string {
  const shown = found === undefined ? 'nothing (the field is missing)' : JSON.stringify(found);
  switch (issue.code) {
    case 'invalid_type':
      return found === undefined
        ? `required ${issue.expected} is missing`
        : `expected ${issue.expected}, found ${shown}`;
    case 'invalid_value':
      return `expected ${issue.values.map((v) => JSON.stringify(v)).join(' | ')}, found ${shown}`;
    case 'invalid_union': {
      const options = (issue as { options?: unknown[] }).options;
      if (options) return `expected one of ${options.map(String).join(', ')}, found ${shown}`;
      const reasons = new Set(issue.errors.flat().map((e) => e.message));
      return `${shown} does not match any allowed form (${[...reasons].join('; ')})`;
    }
    case 'too_small':
      if (issue.origin === 'array') return `needs at least ${String(issue.minimum)} item(s)`;
      if (issue.origin === 'string')
        return issue.minimum === 1
          ? 'must not be empty'
          : `must be at least ${String(issue.minimum)} characters`;
      return `must be ${issue.inclusive ? '≥' : '>'} ${String(issue.minimum)}, found ${shown}`;
    case 'too_big':
      if (issue.origin === 'array') return `allows at most ${String(issue.maximum)} item(s)`;
      return `must be ${issue.inclusive ? '≤' : '<'} ${String(issue.maximum)}, found ${shown}`;
    case 'invalid_format':
      return `${issue.message.replace(/^Invalid string: /, '')}, found ${shown}`;
    default:
      return issue.message;
  }
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>(
    (node, key) =>
      typeof node === 'object' && node !== null ? (node as Record<PropertyKey, unknown>)[key] : undefined,
    data,
  );
}
