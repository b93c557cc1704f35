import { Router } from 'express';
import { z } from 'zod';
import {
  DEFAULT_JOIN_CODE_HOURS,
  isJoinable,
  MAX_JOIN_CODE_HOURS,
  OPEN_LAB_STATES,
  type Learner,
  type Workshop,
} from '../../store/index.js';
import { progressGrid } from '../../instructor/progress.js';
import { resultRows, resultsCsv } from '../../instructor/results-export.js';
import { currentLearner, requireInstructor } from '../auth.js';
import type { ProgressGrid, RevokeResult, WorkshopLearnerView, WorkshopView } from '../contract.js';
import type { HttpDeps } from '../deps.js';
import { HttpError } from '../errors.js';
import { parseInput } from '../validate.js';

const workshopBody = z.object({
  title: z.string().trim().max(100, 'use at most 100 characters').default(''),
  hours: z
    .number()
    .int('use whole hours')
    .min(1, 'a code stays open at least 1 hour')
    .max(MAX_JOIN_CODE_HOURS, `a code stays open at most ${MAX_JOIN_CODE_HOURS} hours`)
    .default(DEFAULT_JOIN_CODE_HOURS),
});

function workshopView(workshop: Workshop, now = Date.now()): WorkshopView {
  return {
    code: workshop.code,
    title: workshop.title,
    createdAt: workshop.createdAt,
    expiresAt: workshop.expiresAt,
    closedAt: workshop.closedAt ?? null,
    joinable: isJoinable(workshop, now),
  };
}

/** Workshop hosting: join codes (expiring, closable), who joined (with revoke), and every lab on the server. */
export function instructorRouter(deps: HttpDeps): Router {
  const { store, labs, sockets, revocations } = deps;
  const router = Router();
  router.use('/instructor', requireInstructor());

  const learnerView = (learner: Learner, connected: Set<string>): WorkshopLearnerView => ({
    id: learner.id,
    name: learner.name,
    workshopCode: learner.workshopCode ?? '',
    joinedAt: learner.createdAt,
    revokedAt: learner.revokedAt ?? null,
    connected: connected.has(learner.id),
    openLabs: store.labs.forLearner(learner.id).filter((lab) => OPEN_LAB_STATES.includes(lab.state)).length,
  });

  router.get('/instructor/workshops', (_req, res) => {
    res.json({ workshops: store.workshops.list().map((w) => workshopView(w)) });
  });

  router.post('/instructor/workshops', async (req, res) => {
    const body = parseInput(workshopBody, req.body, 'body');
    const workshop = await store.workshops.create({
      title: body.title,
      createdBy: currentLearner(res).id,
      ttlMs: body.hours * 3_600_000,
    });
    res.status(201).json({ workshop: workshopView(workshop) });
  });

  // closing ends the workshop: the code dies, everyone who joined with it is signed out and their labs end
  router.post('/instructor/workshops/:code/close', async (req, res) => {
    const closed = await revocations.closeWorkshop(req.params.code);
    if (!closed) throw new HttpError(404, 'workshop_not_found', `There is no workshop "${req.params.code}".`);
    res.json({
      workshop: workshopView(closed.workshop),
      learners: closed.learners,
      socketsCut: closed.socketsCut,
      labsEnding: closed.labsEnding,
    } satisfies RevokeResult & { workshop: WorkshopView; learners: number });
  });

  router.get('/instructor/learners', (_req, res) => {
    const connected = sockets.connectedLearners();
    const learners = store.learners
      .list()
      .filter((l) => l.origin === 'workshop')
      .map((l) => learnerView(l, connected));
    res.json({ learners } satisfies { learners: WorkshopLearnerView[] });
  });

  router.post('/instructor/learners/:id/revoke', async (req, res) => {
    const target = store.learners.get(req.params.id);
    if (!target) throw new HttpError(404, 'learner_not_found', `There is no learner "${req.params.id}".`);
    if (target.origin !== 'workshop') {
      throw new HttpError(
        400,
        'not_a_workshop_learner',
        'Only learners who joined a workshop can be signed out here. To sign out whoever holds the printed links, restart the server with --rotate-tokens.',
      );
    }
    const revoked = await revocations.revokeLearner(target.id, currentLearner(res));
    if (!revoked) throw new HttpError(404, 'learner_not_found', `There is no learner "${req.params.id}".`);
    res.json({
      learner: learnerView(revoked.learner, sockets.connectedLearners()),
      socketsCut: revoked.socketsCut,
      labsEnding: revoked.labsEnding,
    } satisfies RevokeResult & { learner: WorkshopLearnerView });
  });

  /**
   * The learners of one workshop (?workshop=CODE), or every learner (those who joined and whoever holds the printed
   * link), against every scenario any of them started.
   */
  const grid = async (workshop: unknown): Promise<ProgressGrid> => {
    const code = typeof workshop === 'string' && workshop !== '' ? workshop : undefined;
    const learners = store.learners
      .list()
      .filter((l) => l.role === 'learner' && (code === undefined || l.workshopCode === code));
    const catalog = await deps.scenarios.list();
    return progressGrid({
      learners,
      labs: store.labs.list(),
      attemptsOf: (labId) => store.attempts.forLab(labId),
      catalogOrder: catalog.map((s) => s.id),
      now: Date.now(),
    });
  };

  router.get('/instructor/progress', async (req, res) => {
    res.json({ progress: await grid(req.query.workshop) } satisfies { progress: ProgressGrid });
  });

  router.get('/instructor/results.json', async (req, res) => {
    res
      .attachment('cks-lab-results.json')
      .json({ exportedAt: new Date().toISOString(), results: resultRows(await grid(req.query.workshop)) });
  });

  router.get('/instructor/results.csv', async (req, res) => {
    res
      .attachment('cks-lab-results.csv')
      .type('text/csv; charset=utf-8')
      .send(resultsCsv(resultRows(await grid(req.query.workshop))));
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
