import { z } from 'zod';
import { parsePath, PathSyntaxError } from '../value/path.js';

/** Task, check and scenario ids: they appear in URLs, CLI arguments and `mustFail` references. */
export const idSchema = z
  .string()
  .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/, 'use lowercase letters, digits and dashes (e.g. "psa-enforced")');

export const nodeRoleSchema = z.enum(['control-plane', 'worker']).describe('Node by role');

/** `include` of script checks and script steps. */
export const scriptIncludeSchema = z
  .array(z.string().min(1))
  .min(1)
  .optional()
  .describe(
    'Bash files (relative to the scenario folder) that run before the script, in order: shared functions such as ' +
      'a bounded wait for the API server, written once per scenario',
  );

/** A regular expression given as a string; rejected at lint time when it does not compile. */
export const regexSchema = z.string().refine(isValidRegex, { message: 'not a valid regular expression' });

function isValidRegex(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch (error) {
    return !(error instanceof SyntaxError);
  }
}

function checkPathSyntax(path: string, ctx: z.RefinementCtx): void {
  try {
    parsePath(path);
  } catch (error) {
    if (!(error instanceof PathSyntaxError)) throw error;
    ctx.addIssue({ code: 'custom', message: error.message });
  }
}

const timeoutSecondsSchema = z.number().int().positive().max(600);

/** Fields every check has, whatever its kind. */
export const checkBase = {
  id: idSchema.describe('Unique within the task; wrong answers refer to it in mustFail'),
  description: z.string().min(1).optional().describe('Learner-facing: what this check verifies'),
  hint: z.string().min(1).optional().describe('Shown to the learner when this check does not pass'),
  timeoutSeconds: timeoutSecondsSchema.optional().describe('Overrides the grader-wide per-check timeout'),
  conceal: z
    .boolean()
    .optional()
    .describe(
      "Show the learner only the description, the verdict and the hint, never the grader's message or nested " +
        'results (which name the objects and subjects found): for checks that would give away the answer',
    ),
};

/** Adds an issue unless exactly one (or, with atLeastOne, at least one) of the keys is set. */
export function requireKeys(
  value: Record<string, unknown>,
  keys: readonly string[],
  ctx: z.RefinementCtx,
  mode: 'exactlyOne' | 'atLeastOne' = 'exactlyOne',
): void {
  const present = keys.filter((key) => value[key] !== undefined);
  const ok = mode === 'exactlyOne' ? present.length === 1 : present.length >= 1;
  if (ok) return;
  const list = keys.map((key) => `"${key}"`).join(', ');
  ctx.addIssue({
    code: 'custom',
    message:
      mode === 'exactlyOne'
        ? `give exactly one of ${list}${present.length > 1 ? ` (found ${present.join(' and ')})` : ''}`
        : `give at least one of ${list}`,
  });
}

/** A Kubernetes object or set of objects, by name or by selector. */
export const resourceRefSchema = z
  .strictObject({
    apiVersion: z.string().min(1).default('v1').describe('e.g. v1, apps/v1, networking.k8s.io/v1'),
    kind: z.string().regex(/^[A-Z][A-Za-z0-9]*$/, 'a Kubernetes kind such as Pod or Deployment'),
    namespace: z
      .string()
      .min(1)
      .optional()
      .describe(
        'Ignored for cluster-scoped kinds. Omitted for a namespaced kind: "default" when a name is given, ' +
          'otherwise every namespace',
      ),
    name: z
      .string()
      .min(1)
      .optional()
      .describe('One object by name; omit it to match by selectors, or every object of the kind'),
    labelSelector: z.string().min(1).optional().describe('e.g. app=web,tier!=db'),
    fieldSelector: z.string().min(1).optional().describe('e.g. status.phase=Running'),
  })
  .superRefine((ref, ctx) => {
    if (ref.name && (ref.labelSelector || ref.fieldSelector)) {
      ctx.addIssue({ code: 'custom', message: 'give either "name" or selectors, not both' });
    }
  });

export const valueOperators = ['equals', 'notEquals', 'contains', 'matches', 'exists'] as const;

/**
 * An assertion on the value at a path. Arrays: `contains` = some element equals the value, `matches` = some
 * element matches; `each: true` applies the operator to every element instead (and needs at least one).
 */
export const valueAssertionSchema = z
  .strictObject({
    path: z
      .string()
      .min(1)
      .superRefine(checkPathSyntax)
      .describe(
        'jsonpath-ish: spec.containers[0].image, spec.containers[*].name, metadata.labels["a/b"], ' +
          'status.conditions[?(@.type=="Ready")].status',
      ),
    equals: z
      .unknown()
      .optional()
      .describe(
        'The value must equal this. Scalars compare as text (true equals "true", 8080 equals "8080"), lists ' +
          'element by element, mappings key by key; a path with [*] yields a list',
      ),
    notEquals: z
      .unknown()
      .optional()
      .describe('The value must differ from this (compared as with equals); a path that is not set passes'),
    contains: z.unknown().optional().describe('string: substring; array: an element equal to this value'),
    matches: regexSchema.optional().describe('regex; on arrays: some element matches'),
    exists: z.boolean().optional().describe('true: the path is set; false: it is not set'),
    each: z.boolean().optional().describe('apply the operator to every element of the array at the path'),
  })
  .superRefine((assertion, ctx) => requireKeys(assertion, valueOperators, ctx));

/** A match on command output (stdout/stderr or a file's content). */
export const textMatchSchema = z
  .strictObject({
    equals: z.string().optional().describe('whole text, ignoring leading/trailing whitespace'),
    contains: z.string().optional().describe('A substring that must appear (case-sensitive)'),
    notContains: z.string().optional().describe('A substring that must not appear (case-sensitive)'),
    matches: regexSchema
      .optional()
      .describe('JavaScript regex that must match somewhere; ^ and $ also match at line starts and ends'),
    notMatches: regexSchema
      .optional()
      .describe('JavaScript regex that must match nowhere; ^ and $ also match at line starts and ends'),
  })
  .superRefine((match, ctx) =>
    requireKeys(match, ['equals', 'contains', 'notContains', 'matches', 'notMatches'], ctx, 'atLeastOne'),
  );

export const timeoutSchema = timeoutSecondsSchema;

export type ResourceRef = z.output<typeof resourceRefSchema>;
export type ValueAssertion = z.output<typeof valueAssertionSchema>;
export type TextMatch = z.output<typeof textMatchSchema>;
