import { Router } from 'express';
import { z } from 'zod';
import { requireInstructor } from '../auth.js';
import { currentLearner } from '../auth.js';
import type { HttpDeps } from '../deps.js';
import { HttpError } from '../errors.js';
import { parseInput } from '../validate.js';

const workshopBody = z.object({
  title: z.string().trim().max(100, 'use at most 100 characters').default(''),
});

/** Workshop hosting: codes learners join with, and an overview of every lab on the server. */
export function instructorRouter(deps: HttpDeps): Router {
  const { store, labs } = deps;
  const router = Router();
  router.use('/instructor', requireInstructor());

  router.get('/instructor/workshops', (_req, res) => {
    res.json({ workshops: store.workshops.list() });
  });

  router.post('/instructor/workshops', async (req, res) => {
    const body = parseInput(workshopBody, req.body, 'body');
    const workshop = await store.workshops.create(body.title, currentLearner(res).id);
    res.status(201).json({ workshop });
  });

  router.post('/instructor/workshops/:code/close', async (req, res) => {
    const workshop = await store.workshops.close(req.params.code);
    if (!workshop)
      throw new HttpError(404, 'workshop_not_found', `There is no workshop "${req.params.code}".`);
    res.json({ workshop });
  });

  router.get('/instructor/labs', (_req, res) => {
    const learners = new Map(store.learners.list().map((l) => [l.id, l.name]));
    res.json({
      labs: store.labs
        .list()
        .map((lab) => ({ ...labs.view(lab), learnerName: learners.get(lab.learnerId) ?? '?' })),
    });
  });

  return router;
}
