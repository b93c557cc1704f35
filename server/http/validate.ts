import type { z } from 'zod';
import { HttpError } from './errors.js';

/** Parses request input; a bad value answers 400 naming the field, and nothing is changed. */
export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  where: 'body' | 'query' | 'params',
): z.infer<S> {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const field = [where, ...issue.path.map(String)].join('.');
    return `${field}: ${issue.message}`;
  });
  throw new HttpError(400, 'invalid_input', `Invalid request: ${problems.join('; ')}.`, {
    fields: parsed.error.issues.map((issue) => [where, ...issue.path.map(String)].join('.')),
  });
}
