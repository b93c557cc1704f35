import { z } from 'zod';
import {
  nodeRoleSchema,
  requireKeys,
  resourceRefSchema,
  scriptIncludeSchema,
  valueAssertionSchema,
} from '../../grader/index.js';

const stepBase = {
  name: z.string().min(1).optional().describe('Shown in progress output; defaults to a summary of the step'),
};

const timeoutSeconds = z.number().int().positive().max(1800);

export const applyStepSchema = z
  .strictObject({
    ...stepBase,
    kind: z.literal('apply'),
    file: z
      .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
      .optional()
      .describe('Manifest file(s), relative to the scenario folder; multi-document YAML allowed'),
    manifest: z.string().min(1).optional().describe('Inline manifest YAML (multi-document allowed)'),
    namespace: z.string().min(1).optional().describe('For namespaced objects that name no namespace'),
  })
  .superRefine((step, ctx) => requireKeys(step, ['file', 'manifest'], ctx))
  .describe('Server-side apply of manifests (creates or updates)');

export const copyStepSchema = z
  .strictObject({
    ...stepBase,
    kind: z.literal('copy'),
    from: z.string().min(1).describe('Local file, relative to the scenario folder'),
    to: z
      .string()
      .startsWith('/', 'an absolute path on the node')
      .describe(
        'Absolute path of the file on the node, e.g. /etc/kubernetes/audit/policy.yaml; parent directories ' +
          'are created and an existing file is replaced',
      ),
    node: z
      .union([nodeRoleSchema, z.literal('all')])
      .default('control-plane')
      .describe('Which node gets the file: control-plane, worker, or all (every node of the cluster)'),
    mode: z
      .string()
      .regex(
        /^0?[0-7]{3}$/,
        'an octal mode in quotes, e.g. "0644" (unquoted YAML 0644 would be read as decimal)',
      )
      .default('0644')
      .describe(
        'File permissions as a quoted octal string, e.g. "0600" or "755" (an unquoted 0644 is read as a ' +
          'number and rejected)',
      ),
  })
  .describe('Copy a file to a node');

export const scriptStepSchema = z
  .strictObject({
    ...stepBase,
    kind: z.literal('script'),
    node: nodeRoleSchema.default('control-plane'),
    script: z.string().min(1).optional().describe('Inline bash (runs with -euo pipefail)'),
    file: z.string().min(1).optional().describe('Bash script, relative to the scenario folder'),
    include: scriptIncludeSchema,
    timeoutSeconds: timeoutSeconds
      .default(120)
      .describe('Seconds the script may run; the step fails when it takes longer'),
  })
  .superRefine((step, ctx) => requireKeys(step, ['script', 'file'], ctx))
  .describe('Run bash on a node; a non-zero exit fails the step');

export const waitConditions = [
  'ready',
  'available',
  'condition',
  'field',
  'absent',
  'apiserverHealthy',
] as const;

export const waitStepSchema = z
  .strictObject({
    ...stepBase,
    kind: z.literal('wait'),
    for: z
      .enum(waitConditions)
      .describe(
        'ready: condition Ready=True (pods, nodes); available: condition Available=True (deployments); ' +
          'condition: any condition; field: a value assertion; absent: no object matches; apiserverHealthy: /readyz',
      ),
    resource: resourceRefSchema
      .optional()
      .describe('Every matched object must satisfy the condition (at least one)'),
    condition: z
      .strictObject({
        type: z
          .string()
          .min(1)
          .describe('The condition type in status.conditions, e.g. Ready, Available, PodScheduled'),
        status: z
          .enum(['True', 'False', 'Unknown'])
          .default('True')
          .describe(
            'Required status of that condition, quoted, e.g. "False" (unquoted YAML True/False is a boolean)',
          ),
      })
      .optional()
      .describe('With for: condition: the status condition every matched object must report'),
    field: valueAssertionSchema
      .optional()
      .describe(
        'With for: field: the value assertion every matched object must satisfy, ' +
          'e.g. {path: status.phase, equals: Running}',
      ),
    timeoutSeconds: timeoutSeconds
      .default(120)
      .describe('Seconds to wait; the step fails at this deadline and reports the last state it saw'),
  })
  .superRefine((step, ctx) => {
    if (step.for !== 'apiserverHealthy' && !step.resource) {
      ctx.addIssue({
        code: 'custom',
        path: ['resource'],
        message: `wait for "${step.for}" needs a "resource"`,
      });
    }
    if (step.for === 'condition' && !step.condition) {
      ctx.addIssue({
        code: 'custom',
        path: ['condition'],
        message: 'wait for "condition" needs "condition: {type, status}"',
      });
    }
    if (step.for === 'field' && !step.field) {
      ctx.addIssue({
        code: 'custom',
        path: ['field'],
        message: 'wait for "field" needs "field: {path, equals|…}"',
      });
    }
  })
  .describe('Wait (watch with a deadline) until a condition holds');

export const deleteStepSchema = z
  .strictObject({
    ...stepBase,
    kind: z.literal('delete'),
    resource: resourceRefSchema.describe(
      'What to delete: one object by name, or every object a selector matches ' +
        '(in every namespace when no namespace is given)',
    ),
    wait: z.boolean().default(true).describe('Wait until the objects are gone'),
    timeoutSeconds: timeoutSeconds
      .default(120)
      .describe('With wait: seconds to wait for the objects to be gone; the step fails after that'),
  })
  .superRefine((step, ctx) => {
    if (!step.resource.name && !step.resource.labelSelector && !step.resource.fieldSelector) {
      ctx.addIssue({ code: 'custom', path: ['resource'], message: 'delete needs a "name" or a selector' });
    }
  })
  .describe('Delete objects by name or selector; no error when already gone');

export const stepSchema = z
  .discriminatedUnion('kind', [
    applyStepSchema,
    copyStepSchema,
    scriptStepSchema,
    waitStepSchema,
    deleteStepSchema,
  ])
  .meta({ id: 'Step' });

export type Step = z.output<typeof stepSchema>;
export type ApplyStep = z.output<typeof applyStepSchema>;
export type CopyStep = z.output<typeof copyStepSchema>;
export type ScriptStep = z.output<typeof scriptStepSchema>;
export type WaitStep = z.output<typeof waitStepSchema>;
export type DeleteStep = z.output<typeof deleteStepSchema>;
