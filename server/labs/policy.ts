import type { Lab, Learner } from '../store/index.js';

/** 'watch': a read-only live view of the lab's terminal. */
export type LabAction = 'view' | 'watch' | 'attach' | 'grade' | 'reset' | 'end';

/** Instructors may look at any lab, watch its terminal, reset it (a stuck learner) and end it (to free a slot); only the owner works inside it. */
const INSTRUCTOR_ACTIONS: readonly LabAction[] = ['view', 'watch', 'reset', 'end'];

/** The single authorisation rule for labs, used by every REST route and the terminal socket. */
export function canAccessLab(actor: Learner, action: LabAction, lab: Lab): boolean {
  if (lab.learnerId === actor.id) return true;
  return actor.role === 'instructor' && INSTRUCTOR_ACTIONS.includes(action);
}
