import { z } from 'zod';
import { checkSchema, idSchema } from '../../grader/index.js';
import { stepSchema } from './step-schema.js';
import { scenarioImageSchema } from './images.js';
import { nodePackagesSchema } from './node-packages.js';

export const CKS_DOMAINS = [
  'Cluster Setup',
  'Cluster Hardening',
  'System Hardening',
  'Minimize Microservice Vulnerabilities',
  'Supply Chain Security',
  'Monitoring Logging and Runtime Security',
] as const;

/** Node capabilities a scenario can require; the cluster provider guarantees them. */
export const FEATURES = ['gvisor'] as const;

export const taskSchema = z
  .strictObject({
    id: idSchema,
    title: z.string().min(1),
    weight: z.number().positive().default(1).describe('Share of the scenario score'),
    instructions: z.string().min(1).optional().describe('Markdown'),
    instructionsFile: z.string().min(1).optional().describe('Markdown file, relative to the scenario folder'),
    hints: z
      .array(z.string().min(1))
      .default([])
      .describe('Shown to the learner when the task does not pass'),
    checks: z.array(checkSchema).min(1),
  })
  .superRefine((task, ctx) => {
    const given = [task.instructions, task.instructionsFile].filter((v) => v !== undefined).length;
    if (given !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: 'give exactly one of "instructions" (markdown) or "instructionsFile"',
      });
    }
  });

export const wrongAnswerSchema = z.strictObject({
  name: idSchema.describe('Short id, e.g. "label-only"'),
  description: z.string().min(1).describe('The plausible mistake this simulates'),
  steps: z.array(stepSchema).min(1).describe('Applied after setup, instead of the solution'),
  mustFail: z
    .array(z.string().min(1))
    .min(1)
    .describe('Task ids, "task/check" ids, or check ids unique in the scenario, that must not pass'),
});

export const alternativeSchema = z.strictObject({
  name: idSchema.describe('Short id, e.g. "admission-configuration"'),
  description: z.string().min(1).describe('The other correct answer a real candidate would give'),
  steps: z
    .array(stepSchema)
    .min(1)
    .describe('Applied after setup, instead of the solution; every task must pass'),
});

export const scenarioSchema = z
  .strictObject({
    $schema: z.string().optional().describe('Path or URL of scenario.schema.json, for editors'),
    id: idSchema.describe('Must equal the folder name'),
    title: z.string().min(1),
    description: z.string().min(1).optional().describe('One or two sentences for the catalog'),
    domain: z.enum(CKS_DOMAINS),
    difficulty: z.enum(['easy', 'medium', 'hard']),
    minutes: z.number().int().min(1).max(240).describe('Expected time for a prepared candidate'),
    nodes: z
      .union([z.literal(1), z.literal(2)])
      .default(1)
      .describe('1 = control-plane only, 2 = plus a worker'),
    features: z.array(z.enum(FEATURES)).default([]),
    images: z
      .array(scenarioImageSchema)
      .default([])
      .describe('Local Docker images loaded into every node before setup (nothing is pulled at lab time)'),
    nodePackages: nodePackagesSchema,
    instructions: z.string().min(1).describe('Markdown file, relative to the scenario folder'),
    tasks: z.array(taskSchema).min(1),
    setup: z.array(stepSchema).default([]),
    solution: z
      .array(stepSchema)
      .min(1)
      .describe('Steps that solve every task; `scenario test` proves they do'),
    wrongAnswers: z.array(wrongAnswerSchema).default([]),
    alternatives: z
      .array(alternativeSchema)
      .default([])
      .describe(
        'Other correct answers (another spelling, another mechanism): `scenario test` proves each passes',
      ),
  })
  .meta({ id: 'Scenario', title: 'cks-lab scenario' });

export type Scenario = z.output<typeof scenarioSchema>;
export type Task = z.output<typeof taskSchema>;
export type WrongAnswer = z.output<typeof wrongAnswerSchema>;
export type Alternative = z.output<typeof alternativeSchema>;
export type Domain = (typeof CKS_DOMAINS)[number];
