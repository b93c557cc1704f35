import { timingSafeEqual } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Learner } from '../../store/index.js';
import { clearedSessionCookie, readCookie, SESSION_COOKIE, sessionCookie } from '../cookies.js';
import type { HttpDeps } from '../deps.js';
import { HttpError } from '../errors.js';
import { parseInput } from '../validate.js';

const joinBody = z.object({
  name: z.string().trim().min(1, 'enter your name').max(60, 'use at most 60 characters'),
  code: z.string().trim().min(1, 'enter the workshop code').max(32),
});

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Sign-in: the printed ?token= URL (local user or instructor), workshop join with a code, sign-out. */
export function accessRouter(deps: HttpDeps): Router {
  const { store, sessionTtlMs } = deps;
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
    const origin = sameSecret(token, store.secrets.instructorToken)
      ? 'instructor'
      : sameSecret(token, store.secrets.accessToken)
        ? 'local'
        : undefined;
    if (!origin) {
      res
        .status(401)
        .type('text/plain')
        .send('This sign-in link is not valid. Use the URL the cks-lab server printed when it started.\n');
      return;
    }
    await startSession(req, res, await store.learners.ensureSingleton(origin));
    res.redirect(303, req.path);
  });

  router.post('/auth/join', async (req, res) => {
    const body = parseInput(joinBody, req.body, 'body');
    const workshop = store.workshops.findOpen(body.code);
    if (!workshop) {
      throw new HttpError(
        400,
        'invalid_code',
        `No open workshop has the code "${body.code}"; check it with your instructor.`,
        {
          fields: ['body.code'],
        },
      );
    }
    const learner = await store.learners.create({
      name: body.name,
      role: 'learner',
      origin: 'workshop',
      workshopCode: workshop.code,
    });
    await startSession(req, res, learner);
    res.status(201).json({ learner: publicLearner(learner) });
  });

  router.post('/auth/logout', async (req, res) => {
    const token = readCookie(req.headers.cookie, SESSION_COOKIE);
    if (token) await store.sessions.revoke(token);
    res.setHeader('Set-Cookie', clearedSessionCookie());
    res.status(204).end();
  });

  return router;
}

export function publicLearner(learner: Learner): { id: string; name: string; role: Learner['role'] } {
  return { id: learner.id, name: learner.name, role: learner.role };
}
