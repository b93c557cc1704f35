import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Learner } from '../../store/index.js';
import type { LearnerView } from '../contract.js';
import { clearedSessionCookie, sessionCookie, sessionTokenOf } from '../cookies.js';
import type { HttpDeps } from '../deps.js';
import { HttpError } from '../errors.js';
import { sameSitePath } from '../redirect.js';
import { answerRateLimited } from '../sign-in-throttle.js';
import { parseInput } from '../validate.js';

const joinBody = z.object({
  name: z.string().trim().min(1, 'enter your name').max(60, 'use at most 60 characters'),
  code: z.string().trim().min(1, 'enter the workshop code').max(32),
});

/** req.ip honours the trust proxy setting; a socket without an address still gets a (shared) bucket. */
const clientAddress = (req: Request): string => req.ip ?? 'unknown';

/** Sign-in: the printed ?token= link (local user or instructor), workshop join with a code, sign-out. */
export function accessRouter(deps: HttpDeps): Router {
  const { store, sessionTtlMs, signInThrottle, revocations } = deps;
  const router = Router();

  const startSession = async (req: Request, res: Response, learner: Learner): Promise<void> => {
    const token = await store.sessions.create(learner.id, sessionTtlMs);
    res.setHeader('Set-Cookie', sessionCookie(token, sessionTtlMs, req.secure));
  };

  // any page URL may carry ?token=; it becomes a cookie and the token leaves the address bar
  router.get('/{*path}', async (req, res, next) => {
    const token = req.query.token;
    if (typeof token !== 'string') {
      next();
      return;
    }
    const address = clientAddress(req);
    const admitted = signInThrottle.signIn(address);
    if (!admitted.allowed) {
      answerRateLimited(res, admitted, 'text');
      return;
    }
    const role = store.signInTokens.match(token);
    if (!role) {
      signInThrottle.failed(address);
      res
        .status(401)
        .type('text/plain')
        .send(
          'This sign-in link is not valid (the links change when the server is started with --rotate-tokens). Use the latest link the cks-lab server printed.\n',
        );
      return;
    }
    await startSession(req, res, await store.learners.ensureSingleton(role));
    res.redirect(303, sameSitePath(req.path));
  });

  router.post('/auth/join', async (req, res) => {
    const address = clientAddress(req);
    const admitted = signInThrottle.join(address);
    if (!admitted.allowed) {
      answerRateLimited(res, admitted, 'json');
      return;
    }
    const body = parseInput(joinBody, req.body, 'body');
    const learner = await store.workshops.join(body.code, body.name);
    if (!learner) {
      signInThrottle.failed(address);
      throw new HttpError(
        400,
        'invalid_code',
        `No open workshop has the code "${body.code}": it may be mistyped, expired or closed. Check it with your instructor.`,
        { fields: ['body.code'] },
      );
    }
    await startSession(req, res, learner);
    res.status(201).json({ learner: publicLearner(learner) });
  });

  router.post('/auth/logout', async (req, res) => {
    const token = sessionTokenOf(req.headers.cookie, req.secure);
    if (token) await revocations.signOut(token);
    res.setHeader('Set-Cookie', clearedSessionCookie(req.secure));
    res.status(204).end();
  });

  return router;
}

export function publicLearner(learner: Learner): LearnerView {
  return { id: learner.id, name: learner.name, role: learner.role };
}
