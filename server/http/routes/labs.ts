import { Router } from 'express';
import { z } from 'zod';
import type { Lab } from '../../store/index.js';
import { attemptView } from '../attempt-view.js';
import { currentLab, currentLearner, labAccess } from '../auth.js';
import type { HistoryEntry } from '../contract.js';
import type { HttpDeps } from '../deps.js';
import { HttpError } from '../errors.js';
import { parseInput } from '../validate.js';

const startBody = z.object({
  scenarioId: z.string().trim().min(1, 'name the scenario to start').max(100),
});

/** Lab lifecycle over REST; every :id route passes the one lab policy (labAccess) first. */
export function labsRouter(deps: HttpDeps): Router {
  const { store, labs, scenarios } = deps;
  const router = Router();

  const details = async (lab: Lab) => {
    const scenario = await scenarios.get(lab.scenarioId);
    const attempts = store.attempts.forLab(lab.id).map(attemptView);
    const { solution, ...visible } = scenario ?? { solution: undefined };
    return {
      lab: labs.view(lab),
      scenario: scenario ? visible : null,
      attempts,
      // the solution is a reward for trying: it appears once the learner has checked at least once
      solution: attempts.length > 0 ? (solution ?? null) : null,
    };
  };

  router.get('/labs', (_req, res) => {
    const mine = store.labs.forLearner(currentLearner(res).id);
    res.json({ labs: mine.map((lab) => labs.view(lab)) });
  });

  // the learner's own record: every lab they had, newest first, with its Checks' outcome
  router.get('/history', async (_req, res) => {
    const mine = store.labs.forLearner(currentLearner(res).id);
    const titles = new Map((await scenarios.list()).map((s) => [s.id, s.title]));
    const entries = [...mine]
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      .map((lab): HistoryEntry => {
        const attempts = store.attempts.forLab(lab.id);
        const last = attempts.at(-1);
        return {
          lab: labs.view(lab),
          title: lab.exam?.title ?? titles.get(lab.scenarioId) ?? lab.scenarioId,
          checks: attempts.length,
          bestScore: attempts.length ? Math.round(Math.max(...attempts.map((a) => a.score))) : null,
          lastScore: last ? Math.round(last.score) : null,
          lastCheckAt: last?.at ?? null,
          passed: attempts.some((a) => a.passed),
        };
      });
    res.json({ entries } satisfies { entries: HistoryEntry[] });
  });

  router.post('/labs', async (req, res) => {
    const body = parseInput(startBody, req.body, 'body');
    const lab = await labs.start(currentLearner(res), body.scenarioId);
    res.status(202).json({ lab });
  });

  router.get('/labs/:id', labAccess(store, 'view'), async (_req, res) => {
    res.json(await details(currentLab(res)));
  });

  router.get('/labs/:id/attempts', labAccess(store, 'view'), (_req, res) => {
    res.json({ attempts: store.attempts.forLab(currentLab(res).id).map(attemptView) });
  });

  // asciicast v2, for the replay page and as a download (the learner's own, or any for an instructor); what the
  // terminal showed is learner-made bytes: served as an attachment of its own type, never as a page
  router.get('/labs/:id/recording', labAccess(store, 'view'), async (_req, res) => {
    const lab = currentLab(res);
    if (!deps.recordings) {
      throw new HttpError(404, 'recording_off', 'Terminal recording is turned off on this server.');
    }
    const cast = await deps.recordings.read(lab.id);
    if (!cast) throw new HttpError(404, 'no_recording', 'This lab has no terminal recording yet.');
    // attachment() sets a type from the file name: the asciicast type goes after it
    res
      .attachment(`cks-lab-${lab.scenarioId}-${lab.id}.cast`)
      .type('application/x-asciicast')
      .set('cache-control', 'no-store')
      .send(cast);
  });

  router.post('/labs/:id/check', labAccess(store, 'grade'), async (_req, res) => {
    const attempt = await labs.check(currentLab(res).id);
    const lab = store.labs.get(attempt.labId);
    const scenario = lab ? await scenarios.get(lab.scenarioId) : undefined;
    res.json({ attempt: attemptView(attempt), solution: scenario?.solution ?? null });
  });

  router.post('/labs/:id/reset', labAccess(store, 'reset'), async (_req, res) => {
    res.status(202).json({ lab: await labs.reset(currentLab(res).id) });
  });

  router.post('/labs/:id/end', labAccess(store, 'end'), async (_req, res) => {
    const learner = currentLearner(res);
    const lab = currentLab(res);
    const reason =
      lab.learnerId === learner.id ? 'you ended it' : `the instructor (${learner.name}) ended it`;
    res.json({ lab: await labs.end(lab.id, reason) });
  });

  return router;
}
