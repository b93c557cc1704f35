import type { RequestHandler, Response } from 'express';
import { canAccessLab, type LabAction } from '../labs/policy.js';
import type { Lab, Learner, Store } from '../store/index.js';
import { HttpError } from './errors.js';
import { sessionFromCookieHeader } from './session.js';

interface AuthLocals {
  learner?: Learner;
  lab?: Lab;
}

const locals = (res: Response): AuthLocals => res.locals as AuthLocals;

/** Every /api route sits behind this: no valid session cookie, 401. */
export function requireSession(store: Store): RequestHandler {
  return (req, res, next) => {
    const learner = sessionFromCookieHeader(store, req.headers.cookie, req.secure)?.learner;
    if (!learner) {
      next(
        new HttpError(
          401,
          'unauthenticated',
          'You are not signed in (or your session ended). Open the sign-in link the server printed (it carries ?token=), or join a workshop.',
        ),
      );
      return;
    }
    locals(res).learner = learner;
    next();
  };
}

export function requireInstructor(): RequestHandler {
  return (_req, res, next) => {
    if (currentLearner(res).role !== 'instructor') {
      next(new HttpError(403, 'forbidden', 'Only the workshop instructor can do this.'));
      return;
    }
    next();
  };
}

/** Loads the lab named by :id and applies the lab policy for this action; the route then reads currentLab(). */
export function labAccess(store: Store, action: LabAction): RequestHandler {
  return (req, res, next) => {
    const id = String(req.params.id ?? '');
    const lab = store.labs.get(id);
    if (!lab) {
      next(new HttpError(404, 'lab_not_found', `There is no lab "${id}".`));
      return;
    }
    if (!canAccessLab(currentLearner(res), action, lab)) {
      next(new HttpError(403, 'forbidden', 'This lab belongs to someone else.'));
      return;
    }
    locals(res).lab = lab;
    next();
  };
}

export function currentLearner(res: Response): Learner {
  const learner = locals(res).learner;
  if (!learner) throw new Error('currentLearner used on a route without requireSession');
  return learner;
}

export function currentLab(res: Response): Lab {
  const lab = locals(res).lab;
  if (!lab) throw new Error('currentLab used on a route without labAccess');
  return lab;
}
