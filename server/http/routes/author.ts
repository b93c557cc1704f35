import { Router } from 'express';
import { z } from 'zod';
import type { AuthorMode, AuthorRun } from '../../labs/author-mode.js';
import { firstLine, LabError } from '../../labs/errors.js';
import { currentLab, labAccess } from '../auth.js';
import type { AuthorRunResult } from '../contract.js';
import type { HttpDeps } from '../deps.js';
import { HttpError } from '../errors.js';
import { parseInput } from '../validate.js';

const MESSAGE_MAX = 2000;

const runBody = z.union([
  z.object({ kind: z.literal('solution') }),
  z.object({ kind: z.literal('wrong'), name: z.string().trim().min(1).max(100) }),
]);

/**
 * Author mode (`scenario dev` only): the scenario's lint problems and wrong answers, and running its solution or a
 * wrong answer on the author's lab. A normal server never mounts this router.
 */
export function authorRouter(deps: HttpDeps, author: AuthorMode): Router {
  const { store, labs } = deps;
  const router = Router();

  router.get('/author', async (_req, res) => {
    res.json({ author: await author.view() });
  });

  // the owner only, as for reset: it changes the cluster as the learner's own commands would
  router.post('/labs/:id/author/run', labAccess(store, 'reset'), async (req, res) => {
    const what: AuthorRun = parseInput(runBody, req.body, 'body');
    const lab = currentLab(res);
    if (lab.scenarioId !== author.scenarioId) {
      throw new HttpError(
        409,
        'not_author_scenario',
        `This lab runs ${lab.scenarioId}, not ${author.scenarioId}.`,
      );
    }
    try {
      const durationMs = await labs.runOnCluster(lab.id, (cluster, signal) =>
        author.run(cluster, what, signal),
      );
      res.json({ ok: true, durationMs } satisfies AuthorRunResult);
    } catch (error) {
      if (error instanceof HttpError || error instanceof LabError) throw error;
      // a failing step is the answer the author asked for, not a server error
      // a step's error can carry the lab's command output: one line, bounded
      res.json({ ok: false, message: firstLine(error).slice(0, MESSAGE_MAX) } satisfies AuthorRunResult);
    }
  });

  return router;
}
