import { stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { importCourse, STRUCTURE_FILE, type CourseResult } from './import-course.js';
import { ImportError } from './import-error.js';
import { importScenarioFolder, type ImportOptions } from './import-scenario.js';
import { INDEX_FILE } from './read-scenario.js';
import { idFromName } from './scenario-id.js';

export { ImportError } from './import-error.js';
export { checkImports, type CheckOptions } from './check.js';
export { checkMismatches, checkSummaryLine, type ImportCheck } from './check-report.js';
export { formatReport, formatSummary, REPORT_FILE, type ImportReport } from './report.js';
export type { CourseResult } from './import-course.js';

/**
 * A Killercoda scenario folder (index.json) becomes `out` (default `<catalog>/<id of the folder name>`); a course
 * folder (structure.json) becomes one scenario folder per item under `out` (default the catalog).
 */
export async function importKillercoda(
  path: string,
  out: string | undefined,
  catalog: string,
  options: ImportOptions,
): Promise<CourseResult> {
  const has = async (file: string) =>
    (await stat(join(path, file)).catch(() => undefined))?.isFile() === true;
  if (!(await stat(path).catch(() => undefined))?.isDirectory())
    throw new ImportError(`${path} is not a folder; give a Killercoda scenario folder or a course folder`);
  if (await has(INDEX_FILE)) {
    const target = out ?? join(catalog, idFromName(basename(resolve(path))));
    return { reports: [await importScenarioFolder(path, target, options)], refused: [] };
  }
  if (await has(STRUCTURE_FILE)) return importCourse(path, out ?? catalog, options);
  throw new ImportError(
    `${path} has neither ${INDEX_FILE} (a Killercoda scenario) nor ${STRUCTURE_FILE} (a course); give one of those folders`,
  );
}
