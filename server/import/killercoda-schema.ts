import { z } from 'zod';
import { LIMITS } from './limits.js';

// Everything here is untrusted input: strings and lists are bounded, unknown keys are reported (not kept).
// no control characters: a path or title with a newline could break out of a comment or heading it lands in
const noControl = (text: string) => !/\p{Cc}/u.test(text);
const path = z.string().min(1).max(500).refine(noControl, 'no control characters');
const line = z.string().max(300).refine(noControl, 'no control characters');

/** A step, intro or finish: markdown and scripts named by path; Katacoda called them courseData and code. */
const pageSchema = z.object({
  title: line.optional(),
  text: path.optional(),
  verify: path.optional(),
  background: path.optional(),
  foreground: path.optional(),
  /** Katacoda: the background script */
  courseData: path.optional(),
  /** Katacoda: the foreground script */
  code: path.optional(),
});

const assetSchema = z.object({
  file: path,
  target: path,
  chmod: z.string().max(20).optional(),
});

export const indexSchema = z.object({
  title: line.optional(),
  description: z.string().max(5000).optional(),
  /** Katacoda only: beginner / intermediate / advanced */
  difficulty: z.string().max(50).optional(),
  /** Katacoda only: e.g. "15 minutes" */
  time: z.string().max(50).optional(),
  details: z.object({
    intro: pageSchema.optional(),
    steps: z.array(pageSchema).max(LIMITS.steps).default([]),
    finish: pageSchema.optional(),
    /** host01 (Killercoda) or client (Katacoda) → files copied onto that host before anything runs */
    assets: z.record(z.string().max(50), z.array(assetSchema).max(LIMITS.assetFiles)).optional(),
  }),
  backend: z.object({ imageid: z.string().min(1).max(200) }).optional(),
  /** Katacoda: UI layout and dashboards; cks-lab always shows instructions beside a terminal */
  environment: z.record(z.string(), z.unknown()).optional(),
  /** Killercoda: UI layout */
  interface: z.record(z.string(), z.unknown()).optional(),
});

export type KillercodaIndex = z.output<typeof indexSchema>;
export type KillercodaPage = z.output<typeof pageSchema>;
export type KillercodaAsset = z.output<typeof assetSchema>;

/** A course: structure.json lists scenario folders by path. */
export const structureSchema = z.object({
  items: z
    .array(z.object({ path, title: line.optional() }))
    .min(1)
    .max(LIMITS.courseItems),
});

/** Keys the importer understands; anything else in index.json is named in the report as ignored. */
export const KNOWN_KEYS = {
  top: ['title', 'description', 'difficulty', 'time', 'details', 'backend', 'environment', 'interface'],
  details: ['intro', 'steps', 'finish', 'assets'],
  page: ['title', 'text', 'verify', 'background', 'foreground', 'courseData', 'code'],
} as const;

/** Keys of a JSON object that the importer does not read, as dotted paths. */
export function ignoredKeys(data: unknown): string[] {
  const keysOf = (value: unknown): string[] =>
    value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : [];
  const unknown = (value: unknown, known: readonly string[], prefix: string) =>
    keysOf(value)
      .filter((key) => !known.includes(key))
      .map((key) => `${prefix}${key}`);
  const top = data as Record<string, unknown>;
  const details = (top?.details ?? {}) as Record<string, unknown>;
  const steps = Array.isArray(details.steps) ? details.steps : [];
  return [
    ...unknown(top, KNOWN_KEYS.top, ''),
    ...unknown(details, KNOWN_KEYS.details, 'details.'),
    ...unknown(details.intro, KNOWN_KEYS.page, 'details.intro.'),
    ...unknown(details.finish, KNOWN_KEYS.page, 'details.finish.'),
    ...steps.flatMap((step, i) => unknown(step, KNOWN_KEYS.page, `details.steps[${i}].`)),
  ].slice(0, 50);
}
