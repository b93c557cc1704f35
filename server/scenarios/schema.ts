import { z } from 'zod';
import { checkSchema, idSchema } from '../../grader/index.js';
import { stepSchema } from './step-schema.js';
import { scenarioImageSchema } from './images.js';
import { nodePackagesSchema } from './node-packages.js';
import { GLOBAL_STATE, GLOBAL_STATE_KEYS } from './global-state.js';

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
    id: idSchema.describe("Unique in the scenario; results and wrong answers' `mustFail` refer to it"),
    title: z
      .string()
      .min(1)
      .describe(
        'One line naming the task, shown with its result, e.g. "Enforce the restricted Pod Security level"',
      ),
    weight: z.number().positive().default(1).describe('Share of the scenario score'),
    instructions: z.string().min(1).optional().describe('Markdown'),
    instructionsFile: z.string().min(1).optional().describe('Markdown file, relative to the scenario folder'),
    hints: z
      .array(z.string().min(1))
      .default([])
      .describe('Shown to the learner when the task does not pass'),
    checks: z
      .array(checkSchema)
      .min(1)
      .describe(
        'The task passes when every check passes; each passing check earns an equal share of its weight',
      ),
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
    title: z.string().min(1).describe('Shown in the catalog and as the heading of the lab page'),
    description: z.string().min(1).optional().describe('One or two sentences for the catalog'),
    domain: z
      .enum(CKS_DOMAINS)
      .describe('CKS curriculum domain; the catalog filters by it and lists domains in curriculum order'),
    difficulty: z
      .enum(['easy', 'medium', 'hard'])
      .describe('The catalog filters by it and, within a domain, lists easy before medium before hard'),
    minutes: z.number().int().min(1).max(240).describe('Expected time for a prepared candidate'),
    nodes: z
      .union([z.literal(1), z.literal(2)])
      .default(1)
      .describe('1 = control-plane only, 2 = plus a worker'),
    features: z
      .array(z.enum(FEATURES))
      .default([])
      .describe(
        'Node capabilities the scenario needs; exam plans list them per cluster. gvisor: containerd has ' +
          'the `runsc` handler for a gVisor RuntimeClass (every cks-lab node image has it)',
      ),
    images: z
      .array(scenarioImageSchema)
      .default([])
      .describe('Local Docker images loaded into every node before setup (nothing is pulled at lab time)'),
    nodePackages: nodePackagesSchema,
    globalState: z
      .array(z.enum(GLOBAL_STATE_KEYS))
      .default([])
      .describe(
        "What the steps change outside the scenario's own namespaces; exams never put two scenarios that " +
          'declare the same key on one cluster. Leave out when nothing global changes. Keys: ' +
          Object.entries(GLOBAL_STATE)
            .map(([key, meaning]) => `${key}: ${meaning}`)
            .join('; '),
      ),
    instructions: z.string().min(1).describe('Markdown file, relative to the scenario folder'),
    tasks: z
      .array(taskSchema)
      .min(1)
      .describe(
        "What the learner must do, each graded on its own; the score is the sum of the tasks' earned " +
          'weight over the sum of their weights',
      ),
    setup: z
      .array(stepSchema)
      .default([])
      .describe(
        'Steps run in order once images are loaded and nodePackages installed, before the learner gets the ' +
          'cluster: they build the state the tasks start from',
      ),
    solution: z
      .array(stepSchema)
      .min(1)
      .describe('Steps that solve every task; `scenario test` proves they do'),
    wrongAnswers: z
      .array(wrongAnswerSchema)
      .default([])
      .describe(
        'Plausible mistakes: `scenario test` applies each after setup on a fresh cluster of its own and ' +
          'proves that the tasks or checks it names in `mustFail` fail',
      ),
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
