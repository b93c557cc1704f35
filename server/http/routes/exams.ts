import { Router } from 'express';
import { z } from 'zod';
import { PASS_PERCENT } from '../../exams/scoring.js';
import { DEFAULT_EXAM_MINUTES, MAX_EXAM_MINUTES, MIN_EXAM_MINUTES } from '../../labs/exam-labs.js';
import type { Lab } from '../../store/index.js';
import { MAX_EXAM_NOTES } from '../../store/index.js';
import { attemptView } from '../attempt-view.js';
import { currentLab, currentLearner, labAccess } from '../auth.js';
import type { ExamView } from '../contract.js';
import type { HttpDeps } from '../deps.js';
import { HttpError } from '../errors.js';
import { parseInput } from '../validate.js';

const startBody = z.object({
  setId: z.string().trim().min(1, 'name the exam to start').max(40),
  practice: z.boolean().default(false),
  minutes: z.number().int().min(MIN_EXAM_MINUTES).max(MAX_EXAM_MINUTES).default(DEFAULT_EXAM_MINUTES),
});

const answersBody = z.object({
  flagged: z.array(z.string().max(200)).max(100),
  notes: z.string().max(MAX_EXAM_NOTES),
});

/** Mock exams: list the sets, start one, follow it (clock, tasks, flags, notes), end it for the score. */
export function examsRouter(deps: HttpDeps): Router {
  const { store, labs } = deps;
  const router = Router();
  const engine = deps.exams;

  const requireEngine = () => {
    if (!engine) throw new HttpError(404, 'exams_off', 'This server offers no mock exams.');
    return engine;
  };
  const examLab = (res: Parameters<typeof currentLab>[0]): Lab => {
    const lab = currentLab(res);
    if (!lab.exam) throw new HttpError(404, 'not_an_exam', `Lab "${lab.id}" is not an exam.`);
    return lab;
  };

  const view = async (lab: Lab): Promise<ExamView> => {
    const exam = lab.exam;
    if (!exam) throw new HttpError(404, 'not_an_exam', `Lab "${lab.id}" is not an exam.`);
    const detail = await requireEngine().get(exam.setId);
    const over = lab.state === 'ended';
    const result = exam.result;
    return {
      lab: labs.view(lab),
      setId: exam.setId,
      title: exam.title,
      practice: exam.practice,
      minutes: exam.minutes,
      clusters: exam.clusters.length,
      startedAt: exam.startedAt ?? null,
      endsAt: exam.endsAt ?? null,
      serverNow: new Date().toISOString(),
      tasks: detail?.taskList ?? [],
      flagged: exam.flagged,
      notes: exam.notes,
      result: result
        ? {
            gradedAt: result.gradedAt,
            percent: result.percent,
            passed: result.passed,
            passPercent: PASS_PERCENT,
            score: result.score,
            maxScore: result.maxScore,
            tasks: result.tasks.map((t) => ({
              key: `${t.scenario}/${t.task}`,
              title: t.title,
              weight: t.weight,
              score: t.score,
              status: t.status,
              problems: t.problems,
            })),
          }
        : null,
      solutions: over ? (detail?.solutions ?? []) : null,
    };
  };

  router.get('/exams', async (_req, res) => {
    res.json({ sets: await requireEngine().list() });
  });

  router.post('/exams', async (req, res) => {
    const body = parseInput(startBody, req.body, 'body');
    const lab = await labs.startExam(currentLearner(res), body.setId, {
      practice: body.practice,
      minutes: body.minutes,
    });
    res.status(202).json({ lab });
  });

  router.get('/exams/:id', labAccess(store, 'view'), async (_req, res) => {
    res.json(await view(examLab(res)));
  });

  router.put('/exams/:id/answers', labAccess(store, 'grade'), async (req, res) => {
    const lab = examLab(res);
    const body = parseInput(answersBody, req.body, 'body');
    res.json(await view(await labs.saveExamAnswers(lab.id, body)));
  });

  // practice mode only: the exam's grade without ending it
  router.post('/exams/:id/check', labAccess(store, 'grade'), async (_req, res) => {
    const attempt = await labs.checkExam(examLab(res).id);
    res.json({ attempt: attemptView(attempt) });
  });

  router.post('/exams/:id/end', labAccess(store, 'end'), async (_req, res) => {
    const learner = currentLearner(res);
    const lab = examLab(res);
    const reason =
      lab.learnerId === learner.id ? 'you ended it' : `the instructor (${learner.name}) ended it`;
    await labs.end(lab.id, reason);
    const ended = store.labs.get(lab.id);
    if (!ended) throw new HttpError(404, 'lab_not_found', `There is no lab "${lab.id}".`);
    res.json(await view(ended));
  });

  return router;
}
