import { z } from 'zod';
import {
  checkBase,
  nodeRoleSchema,
  regexSchema,
  requireKeys,
  resourceRefSchema,
  scriptIncludeSchema,
  textMatchSchema,
  valueAssertionSchema,
} from './common.js';

export const resourceCheckSchema = z
  .strictObject({
    ...checkBase,
    kind: z.literal('resource'),
    resource: resourceRefSchema.describe('The object (by name) or objects (by selector) to look at'),
    expect: z
      .enum(['exists', 'absent'])
      .default('exists')
      .describe(
        'exists: the named object, or at least one match, must exist (`count` replaces "at least one"); ' +
          'absent: nothing may match (not with fields or count)',
      ),
    count: z
      .strictObject({
        equals: z.number().int().nonnegative().optional().describe('Exactly this many objects'),
        min: z.number().int().nonnegative().optional().describe('At least this many objects'),
        max: z.number().int().nonnegative().optional().describe('At most this many objects'),
      })
      .superRefine((count, ctx) => requireKeys(count, ['equals', 'min', 'max'], ctx, 'atLeastOne'))
      .optional()
      .describe('How many objects the selector must match'),
    fields: z
      .array(valueAssertionSchema)
      .min(1)
      .optional()
      .describe(
        'Value assertions an object must satisfy, all of them; with a selector, `quantifier` says whether ' +
          'every match or one must',
      ),
    quantifier: z
      .enum(['all', 'any'])
      .default('all')
      .describe('With a selector: every matched object must satisfy `fields`, or at least one'),
  })
  .superRefine((check, ctx) => {
    if (check.count && check.resource.name) {
      ctx.addIssue({ code: 'custom', path: ['count'], message: '"count" needs a selector, not a "name"' });
    }
    if (check.expect === 'absent' && (check.fields || check.count)) {
      ctx.addIssue({
        code: 'custom',
        path: ['expect'],
        message: '"absent" cannot be combined with "fields" or "count"',
      });
    }
  })
  .describe('Kubernetes objects exist / are absent / have field values');

export const admissionCheckSchema = z
  .strictObject({
    ...checkBase,
    kind: z.literal('admission'),
    manifest: z
      .union([z.record(z.string(), z.unknown()), z.string()])
      .optional()
      .describe('The object to create (a mapping, or YAML text)'),
    file: z.string().min(1).optional().describe('Manifest file, relative to the scenario folder'),
    namespace: z.string().min(1).optional().describe('Namespace for a namespaced object that names none'),
    expect: z
      .enum(['allowed', 'denied'])
      .describe(
        'allowed: a server-side dry-run create is admitted; denied: a real create is rejected (HTTP 403, a ' +
          "policy's 422, or a failing webhook); an AlreadyExists answer counts as admitted",
      ),
    message: regexSchema
      .optional()
      .describe('With expect=denied: the rejection message must match this regex'),
  })
  .superRefine((check, ctx) => {
    requireKeys(check, ['manifest', 'file'], ctx);
    if (check.message && check.expect !== 'denied') {
      ctx.addIssue({
        code: 'custom',
        path: ['message'],
        message: '"message" applies only to expect: denied',
      });
    }
  })
  .describe(
    'Creating an object must be allowed (a server-side dry run) or denied (a real create, so a policy that rejects only dry runs does not count; an admitted object is deleted at once)',
  );

/** A ServiceAccount as `namespace/name`, both DNS labels (a name may also hold dots, as subdomains do). */
const serviceAccountRefSchema = z
  .string()
  .regex(
    /^[a-z0-9]([-a-z0-9]*[a-z0-9])?\/[a-z0-9]([-.a-z0-9]*[a-z0-9])?$/,
    'namespace/name of a ServiceAccount, e.g. ci/deployer',
  );

export const accessCheckSchema = z
  .strictObject({
    ...checkBase,
    kind: z.literal('access'),
    user: z
      .string()
      .min(1)
      .optional()
      .describe("User name as the API server authenticates it (a client certificate's CN)"),
    groups: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .describe("With user: their groups (a client certificate's O); system:authenticated is always added"),
    serviceAccount: serviceAccountRefSchema
      .optional()
      .describe('namespace/name; asked with the groups every ServiceAccount token carries'),
    verb: z
      .string()
      .regex(/^([A-Za-z]+|\*)$/, 'a verb such as get, list, watch, create, update, patch, delete')
      .describe('get, list, watch, create, update, patch, delete, deletecollection, or any custom verb'),
    resource: z
      .string()
      .regex(
        /^([a-z0-9][-a-z0-9]*|\*)$/,
        'a plural resource name such as pods; give the group in "apiGroup" and e.g. log in "subresource"',
      )
      .describe('Plural resource name, e.g. pods, deployments, secrets'),
    apiGroup: z
      .string()
      .default('')
      .describe('API group of the resource: "" for the core group (pods, secrets), apps for deployments'),
    subresource: z.string().min(1).optional().describe('e.g. log or exec (pods/log, pods/exec)'),
    namespace: z
      .string()
      .min(1)
      .optional()
      .describe('Namespace of the request; omit for cluster-scoped resources or to ask about all namespaces'),
    name: z.string().min(1).optional().describe('One object by name (RBAC resourceNames)'),
    expect: z
      .enum(['allowed', 'denied'])
      .describe(
        "allowed: the API server's authorizers allow the request (`kubectl auth can-i --as` says yes); " +
          'denied: they do not',
      ),
  })
  .superRefine((check, ctx) => {
    requireKeys(check, ['user', 'serviceAccount'], ctx);
    if (check.groups && check.serviceAccount) {
      ctx.addIssue({
        code: 'custom',
        path: ['groups'],
        message: '"groups" applies only to "user" (a ServiceAccount\'s groups are fixed)',
      });
    }
  })
  .describe(
    'The API server authorizes (or refuses) a request for a user or ServiceAccount (SubjectAccessReview)',
  );

const outputExpectation = {
  exitCode: z
    .union([z.number().int().min(0).max(255), z.literal('nonzero')])
    .default(0)
    .describe('Expected exit code, or "nonzero" for any failure'),
  stdout: textMatchSchema.optional().describe("Match on the command's standard output"),
  stderr: textMatchSchema.optional().describe("Match on the command's standard error"),
};

const argvSchema = z.array(z.string()).min(1).describe('Program and arguments (no shell unless you run one)');

export const podExecCheckSchema = z
  .strictObject({
    ...checkBase,
    kind: z.literal('podExec'),
    namespace: z.string().min(1).default('default').describe('Namespace of the pod'),
    pod: z.string().min(1).optional().describe('Pod name; the pod must be Running'),
    selector: z
      .string()
      .min(1)
      .optional()
      .describe('Label selector; the first running pod (by name) is used'),
    container: z
      .string()
      .min(1)
      .optional()
      .describe(
        "Container to run in; default: the pod's kubectl.kubernetes.io/default-container annotation, else " +
          'its first container',
      ),
    argv: argvSchema,
    ...outputExpectation,
    stderr: outputExpectation.stderr.describe(
      "Match on the command's standard error; when a failed command wrote none, the API server's failure " +
        'message is matched instead',
    ),
  })
  .superRefine((check, ctx) => requireKeys(check, ['pod', 'selector'], ctx))
  .describe('Run a command in a pod and check its exit code and output');

export const nodeExecCheckSchema = z
  .strictObject({
    ...checkBase,
    kind: z.literal('nodeExec'),
    node: nodeRoleSchema.default('control-plane'),
    argv: argvSchema,
    ...outputExpectation,
  })
  .describe('Run a command on a node and check its exit code and output');

export const nodeFileCheckSchema = z
  .strictObject({
    ...checkBase,
    kind: z.literal('nodeFile'),
    node: nodeRoleSchema.default('control-plane'),
    path: z
      .string()
      .startsWith('/', 'an absolute path on the node')
      .describe(
        'Absolute path on the node, e.g. /etc/kubernetes/manifests/kube-apiserver.yaml; for `exists` alone ' +
          'a directory counts too',
      ),
    exists: z.boolean().optional().describe('false: the file must not exist'),
    content: textMatchSchema.optional().describe("Match on the file's whole content"),
    yaml: z
      .array(valueAssertionSchema)
      .min(1)
      .optional()
      .describe('Assertions on the parsed YAML (or JSON) file'),
    document: z
      .number()
      .int()
      .nonnegative()
      .default(0)
      .describe('Which document of a multi-document YAML file'),
  })
  .superRefine((check, ctx) => {
    requireKeys(check, ['exists', 'content', 'yaml'], ctx, 'atLeastOne');
    if (check.exists === false && (check.content || check.yaml)) {
      ctx.addIssue({
        code: 'custom',
        path: ['exists'],
        message: 'exists: false cannot be combined with content/yaml',
      });
    }
  })
  .describe('A file on a node exists / has matching content / YAML values');

export const scriptCheckSchema = z
  .strictObject({
    ...checkBase,
    kind: z.literal('script'),
    node: nodeRoleSchema.default('control-plane'),
    script: z.string().min(1).optional().describe('Inline bash'),
    file: z.string().min(1).optional().describe('Bash script file, relative to the scenario folder'),
    include: scriptIncludeSchema,
  })
  .superRefine((check, ctx) => requireKeys(check, ['script', 'file'], ctx))
  .describe('Bash on a node: exit code 0 passes; stdout becomes the message (Killercoda verify style)');

export type ResourceCheck = z.output<typeof resourceCheckSchema>;
export type AdmissionCheck = z.output<typeof admissionCheckSchema>;
export type AccessCheck = z.output<typeof accessCheckSchema>;
export type PodExecCheck = z.output<typeof podExecCheckSchema>;
export type NodeExecCheck = z.output<typeof nodeExecCheckSchema>;
export type NodeFileCheck = z.output<typeof nodeFileCheckSchema>;
export type ScriptCheck = z.output<typeof scriptCheckSchema>;
export type OutputExpectation = Pick<NodeExecCheck, 'exitCode' | 'stdout' | 'stderr'>;
