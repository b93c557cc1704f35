import type { ProgressCell, ProgressGrid } from '../http/contract.js';
import type { Attempt, Lab, Learner } from '../store/index.js';

export interface ProgressSource {
  learners: readonly Learner[];
  labs: readonly Lab[];
  attemptsOf: (labId: string) => readonly Attempt[];
  /** Catalog order of scenario ids; ids not in it go last, by name. */
  catalogOrder: readonly string[];
  now: number;
}

const NOT_STARTED: ProgressCell = {
  status: 'not-started',
  labId: null,
  labState: null,
  checks: 0,
  lastCheckAt: null,
  lastScore: null,
  bestScore: null,
  timeSpentMs: 0,
};

/** The instructor's grid: learners × scenarios. */
export function progressGrid(source: ProgressSource): ProgressGrid {
  const learnerIds = new Set(source.learners.map((l) => l.id));
  const labs = source.labs.filter((lab) => learnerIds.has(lab.learnerId));
  const scenarios = orderScenarios([...new Set(labs.map((lab) => lab.scenarioId))], source.catalogOrder);
  const rows = source.learners.map((learner) => {
    const mine = labs.filter((lab) => lab.learnerId === learner.id);
    return {
      learnerId: learner.id,
      name: learner.name,
      workshopCode: learner.workshopCode ?? '',
      revoked: learner.revokedAt !== undefined,
      cells: scenarios.map((scenarioId) =>
        cellOf(
          mine.filter((lab) => lab.scenarioId === scenarioId),
          source,
        ),
      ),
    };
  });
  return { scenarios, rows };
}

function cellOf(labs: readonly Lab[], source: ProgressSource): ProgressCell {
  if (labs.length === 0) return NOT_STARTED;
  const newest = [...labs].sort((a, b) => a.createdAt.localeCompare(b.createdAt)).at(-1) as Lab;
  const attempts = labs.flatMap((lab) => source.attemptsOf(lab.id)).sort((a, b) => a.at.localeCompare(b.at));
  const last = attempts.at(-1);
  const timeSpentMs = labs.reduce((sum, lab) => sum + openMs(lab, source.now), 0);
  return {
    status: !last ? 'working' : last.passed ? 'passing' : 'failing',
    labId: newest.id,
    labState: newest.state,
    checks: attempts.length,
    lastCheckAt: last?.at ?? null,
    lastScore: last ? Math.round(last.score) : null,
    bestScore: attempts.length > 0 ? Math.round(Math.max(...attempts.map((a) => a.score))) : null,
    timeSpentMs,
  };
}

function openMs(lab: Lab, now: number): number {
  if (!lab.readyAt) return 0;
  const end = lab.endedAt ? Date.parse(lab.endedAt) : now;
  return Math.max(0, end - Date.parse(lab.readyAt));
}

function orderScenarios(ids: string[], catalogOrder: readonly string[]): string[] {
  const rank = new Map(catalogOrder.map((id, index) => [id, index]));
  return ids.sort((a, b) => {
    const [ra, rb] = [rank.get(a) ?? Infinity, rank.get(b) ?? Infinity];
    return ra !== rb ? ra - rb : a.localeCompare(b);
  });
}
