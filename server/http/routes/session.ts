import { Router } from 'express';
import { currentLearner } from '../auth.js';
import { publicLearner } from './access.js';

/** Who am I: the web app's first call. */
export function sessionRouter(): Router {
  const router = Router();
  router.get('/session', (_req, res) => {
    res.json({ learner: publicLearner(currentLearner(res)) });
  });
  return router;
}
