/** From any of an exam's control-planes, `ssh cks-exam-2` reaches cluster 2's (the exam's hops between hosts). */
export const EXAM_HOST_PREFIX = 'cks-exam-';

/** The name a learner types to reach an exam cluster (1-based, as the plan numbers them). */
export function examHost(index: number): string {
  return `${EXAM_HOST_PREFIX}${index}`;
}
