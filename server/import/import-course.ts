import { realpath } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { ImportError } from './import-error.js';
import { importScenarioFolder, type ImportOptions } from './import-scenario.js';
import { structureSchema } from './killercoda-schema.js';
import { LIMITS } from './limits.js';
import type { ImportReport } from './report.js';
import { insidePath, readTextInside } from './safe-path.js';
import { idFromName } from './scenario-id.js';

export const STRUCTURE_FILE = 'structure.json';

export interface CourseResult {
  reports: ImportReport[];
  /** items that could not be imported, with why; the others are imported anyway */
  refused: { path: string; message: string }[];
}

/** Imports every scenario a course's structure.json lists, each into `<outParent>/<id of its folder>`. */
export async function importCourse(
  dir: string,
  outParent: string,
  options: ImportOptions,
): Promise<CourseResult> {
  const folder = await realpath(dir);
  const raw = await readTextInside(folder, STRUCTURE_FILE, LIMITS.jsonBytes, STRUCTURE_FILE);
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (error) {
    throw new ImportError(`${folder}/${STRUCTURE_FILE} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = structureSchema.safeParse(data);
  if (!parsed.success)
    throw new ImportError(
      `${folder}/${STRUCTURE_FILE} must be {"items": [{"path": "<scenario folder>"}, …]}: ` +
        parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    );
  const result: CourseResult = { reports: [], refused: [] };
  const ids = new Set<string>();
  for (const item of parsed.data.items) {
    try {
      const scenarioDir = await insidePath(folder, item.path, `${STRUCTURE_FILE} item`);
      const id = idFromName(posix.basename(item.path));
      if (ids.has(id)) throw new ImportError(`two items would both be imported as "${id}"`);
      ids.add(id);
      result.reports.push(await importScenarioFolder(scenarioDir, join(outParent, id), options));
    } catch (error) {
      if (!(error instanceof ImportError)) throw error;
      result.refused.push({ path: item.path, message: error.message });
    }
  }
  return result;
}
