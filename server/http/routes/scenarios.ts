import { Router } from 'express';
import type { HttpDeps } from '../deps.js';
import { HttpError } from '../errors.js';

/** The catalog; a scenario's solution never leaves through here (labs.ts reveals it after an attempt). */
export function scenariosRouter(deps: HttpDeps): Router {
  const router = Router();
  router.get('/scenarios', async (_req, res) => {
    res.json({ scenarios: await deps.scenarios.list() });
  });
  router.get('/scenarios/:scenarioId', async (req, res) => {
    const scenario = await deps.scenarios.get(req.params.scenarioId);
    if (!scenario)
      throw new HttpError(404, 'scenario_not_found', `There is no scenario "${req.params.scenarioId}".`);
    const { solution: _solution, ...visible } = scenario;
    res.json({ scenario: visible });
  });
  return router;
}
