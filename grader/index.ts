/** The grader's public surface: schemas for scenario files, the engine, and result types. */
export { gradeTasks } from './engine.js';
export { checkSchema, checkKinds, flattenChecks, isComposite } from './schema/check.js';
export type { Check, CompositeCheck, LeafCheck } from './schema/check.js';
export {
  idSchema,
  nodeRoleSchema,
  regexSchema,
  requireKeys,
  resourceRefSchema,
  scriptIncludeSchema,
  valueAssertionSchema,
  type ResourceRef,
  type ValueAssertion,
} from './schema/common.js';
export { assertValue } from './value/assert.js';
/** The grader's Kubernetes JSON client, shared with the server's step runner so both read the API one way. */
export { Discovery } from './kube/discovery.js';
export { KubeApiError, KubeUnreachableError } from './kube/errors.js';
export { describeRef, qualifiedName, type KubeObject } from './kube/objects.js';
export { KubeRest } from './kube/rest.js';
export {
  API_BODY_LIMIT_BYTES,
  NODE_OUTPUT_LIMIT_BYTES,
  OutputTooLargeError,
  POD_OUTPUT_LIMIT_BYTES,
  formatBytes,
} from './output-limits.js';
export { learnerMessage } from './learner-view.js';
/** How scripts run on a node: read from a pipe, their commands on an empty stdin (checks and the step runner). */
export { bashFromPipe } from './checks/script.js';
export type * from './types.js';
