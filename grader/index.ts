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
  valueAssertionSchema,
  type ResourceRef,
  type ValueAssertion,
} from './schema/common.js';
export { assertValue } from './value/assert.js';
export type * from './types.js';
