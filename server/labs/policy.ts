import type { Lab, Learner } from '../store/index.js';

export type LabAction = 'view' | 'attach' | 'grade' | 'reset' | 'end';

/** Instructors may look at any lab and end it (to free a slot); only the owner works inside it. */
const INSTRUCTOR_ACTIONS: readonly LabAction[] = ['view', 'end'];

/** The single authorisation rule for labs, used by every REST route and the terminal socket. */
export function canAccessLab(actor: Learner, action: LabAction, lab: Lab): boolean {
  if (lab.learnerId === actor.id) return true;
  return actor.role === 'instructor' && INSTRUCTOR_ACTIONS.includes(action);
}
