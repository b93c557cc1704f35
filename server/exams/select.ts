import { CKS_DOMAINS } from '../scenarios/schema.js';
import { totalWeight, type ExamCatalog } from './catalog.js';
import { planExam, ExamPlanError } from './planner.js';
import { CURRICULUM_PERCENT, curriculumDistance, summarizeExam } from './summary.js';
import type { ExamDefinition, ExamScenario, ExamSet } from './types.js';

export const MIN_TASKS = 15;
export const MAX_TASKS = 20;
/** Candidate sets drawn per seed; the one closest to the curriculum weights wins. */
const ATTEMPTS = 400;
/** Percentage points a domain's share of the weight may differ from the curriculum's. */
export const MAX_DOMAIN_DRIFT = 5;
/** Tasks a candidate aims at before it stops adding scenarios to a domain. */
const TARGET_TASKS = 17;

/**
 * A deterministic pseudo-random exam for `random:<seed>`: draws candidate sets (whole scenarios, 15–20 tasks,
 * every domain within MAX_DOMAIN_DRIFT points of its curriculum weight, placeable on the clusters) and keeps the
 * one whose domain weights are closest to the curriculum's.
 */
export function selectRandomExam(seed: number, catalog: ExamCatalog): ExamDefinition {
  const next = mulberry32(seed);
  const id = `random:${seed}`;
  let best: { set: ExamSet; distance: number } | undefined;
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const set: ExamSet = { id, title: `Random exam (seed ${seed})`, scenarios: drawCandidate(catalog, next) };
    if (!acceptable(set)) continue;
    const distance = curriculumDistance(set);
    if (!best || distance < best.distance) best = { set, distance };
  }
  if (!best) {
    throw new ExamPlanError(
      `no exam for seed ${seed}: ${ATTEMPTS} candidate sets were all too short, too long, too far from the curriculum weights or not placeable; ` +
        'the catalog may lack scenarios in a domain (see `cks-lab scenario list`)',
    );
  }
  return {
    id,
    title: best.set.title,
    entries: best.set.scenarios.map((s) => ({ scenario: s.id })),
  };
}

/** Per domain, shuffled scenarios until the domain holds its curriculum share of TARGET_TASKS tasks. */
function drawCandidate(catalog: ExamCatalog, next: () => number): ExamScenario[] {
  const byId = [...catalog.values()].sort((a, b) => a.id.localeCompare(b.id));
  return CKS_DOMAINS.flatMap((domain) => {
    const pool = shuffle(
      byId.filter((s) => s.domain === domain),
      next,
    );
    const wanted = (TARGET_TASKS * CURRICULUM_PERCENT[domain]) / 100;
    const chosen: ExamScenario[] = [];
    for (const scenario of pool) {
      if (chosen.reduce((sum, s) => sum + s.tasks.length, 0) >= wanted - 0.5) break;
      chosen.push(scenario);
    }
    return chosen;
  });
}

function acceptable(set: ExamSet): boolean {
  const tasks = set.scenarios.reduce((sum, s) => sum + s.tasks.length, 0);
  if (tasks < MIN_TASKS || tasks > MAX_TASKS) return false;
  if (CKS_DOMAINS.some((d) => !set.scenarios.some((s) => s.domain === d && totalWeight(s.tasks) > 0)))
    return false;
  if (summarizeExam(set).domains.some((d) => Math.abs(d.percent - d.target) > MAX_DOMAIN_DRIFT)) return false;
  try {
    planExam(set);
    return true;
  } catch (error) {
    if (error instanceof ExamPlanError) return false;
    throw error;
  }
}

function shuffle<T>(items: readonly T[], next: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(next() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

/** A small seeded generator (mulberry32): the same seed gives the same exam on every machine. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
