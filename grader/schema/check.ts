import { z } from 'zod';
import { checkBase } from './common.js';
import {
  accessCheckSchema,
  admissionCheckSchema,
  nodeExecCheckSchema,
  nodeFileCheckSchema,
  podExecCheckSchema,
  resourceCheckSchema,
  scriptCheckSchema,
  type AccessCheck,
  type AdmissionCheck,
  type NodeExecCheck,
  type NodeFileCheck,
  type PodExecCheck,
  type ResourceCheck,
  type ScriptCheck,
} from './leaf-checks.js';

export type LeafCheck =
  ResourceCheck | AdmissionCheck | AccessCheck | PodExecCheck | NodeExecCheck | NodeFileCheck | ScriptCheck;

interface CheckMeta {
  id: string;
  description?: string;
  hint?: string;
  timeoutSeconds?: number;
  conceal?: boolean;
}
export type AllOfCheck = CheckMeta & { kind: 'allOf'; checks: Check[] };
export type AnyOfCheck = CheckMeta & { kind: 'anyOf'; checks: Check[] };
export type NotCheck = CheckMeta & { kind: 'not'; check: Check };
export type CompositeCheck = AllOfCheck | AnyOfCheck | NotCheck;
export type Check = LeafCheck | CompositeCheck;

const allOfSchema = z
  .strictObject({
    ...checkBase,
    kind: z.literal('allOf'),
    get checks() {
      return z
        .array(checkSchema)
        .min(1)
        .describe('All must pass; any failure fails, otherwise any error makes the result an error');
    },
  })
  .describe('Passes when every nested check passes');

const anyOfSchema = z
  .strictObject({
    ...checkBase,
    kind: z.literal('anyOf'),
    get checks() {
      return z
        .array(checkSchema)
        .min(1)
        .describe(
          'One passing is enough; when none passes, any error makes the result an error, else it fails',
        );
    },
  })
  .describe('Passes when at least one nested check passes');

const notSchema = z
  .strictObject({
    ...checkBase,
    kind: z.literal('not'),
    // not described: draft-07 wraps a described $ref in allOf, which the authoring reference shows as "any"
    get check() {
      return checkSchema;
    },
  })
  .describe('Passes when the nested `check` fails; an error in it stays an error');

/** Every check kind the grader knows; `kind` selects the shape. */
export const checkSchema: z.ZodType<Check, unknown> = z
  .discriminatedUnion('kind', [
    resourceCheckSchema,
    admissionCheckSchema,
    accessCheckSchema,
    podExecCheckSchema,
    nodeExecCheckSchema,
    nodeFileCheckSchema,
    scriptCheckSchema,
    allOfSchema,
    anyOfSchema,
    notSchema,
  ])
  .meta({ id: 'Check' });

export const checkKinds = [
  'resource',
  'admission',
  'access',
  'podExec',
  'nodeExec',
  'nodeFile',
  'script',
  'allOf',
  'anyOf',
  'not',
] as const satisfies readonly Check['kind'][];

export function isComposite(check: Check): check is CompositeCheck {
  return check.kind === 'allOf' || check.kind === 'anyOf' || check.kind === 'not';
}

/** The check and all checks nested in it, depth first. */
export function flattenChecks(check: Check): Check[] {
  if (check.kind === 'not') return [check, ...flattenChecks(check.check)];
  if (check.kind === 'allOf' || check.kind === 'anyOf')
    return [check, ...check.checks.flatMap(flattenChecks)];
  return [check];
}
