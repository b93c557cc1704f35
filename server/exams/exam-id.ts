import { composeExam, ExamDefinitionError, type ExamCatalog } from './catalog.js';
import { selectRandomExam } from './select.js';
import { EXAM_SETS } from './sets.js';
import type { ExamSet } from './types.js';

const RANDOM = /^random:(\d{1,10})$/;

/** The ids `exam plan` accepts: the fixed sets, and random:<seed>. */
export function examIdHelp(): string {
  return `${EXAM_SETS.map((set) => set.id).join(', ')}, or random:<seed> (a whole number, e.g. random:42)`;
}

/** Resolves "A" (any case) or "random:<seed>" to a composed set. */
export function resolveExam(id: string, catalog: ExamCatalog): ExamSet {
  const fixed = EXAM_SETS.find((set) => set.id.toLowerCase() === id.toLowerCase());
  if (fixed) return composeExam(fixed, catalog);
  const random = RANDOM.exec(id);
  const seed = random ? Number(random[1]) : NaN;
  if (Number.isSafeInteger(seed) && seed <= 0xffffffff)
    return composeExam(selectRandomExam(seed, catalog), catalog);
  throw new ExamDefinitionError(`no exam "${id}": use ${examIdHelp()}`);
}
