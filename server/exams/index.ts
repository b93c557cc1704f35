export { composeExam, ExamDefinitionError, loadExamCatalog, type ExamCatalog } from './catalog.js';
export { conflictReasons } from './conflicts.js';
export { examIdHelp, resolveExam } from './exam-id.js';
export { ExamPlanError, planExam, type PlanOptions } from './planner.js';
export { MAX_DOMAIN_DRIFT, MAX_TASKS, MIN_TASKS, selectRandomExam } from './select.js';
export { EXAM_SETS } from './sets.js';
export { CURRICULUM_PERCENT, summarizeExam, type ExamSummary } from './summary.js';
export type * from './types.js';
