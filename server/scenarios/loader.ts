import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { walkCheck } from './walk.js';
import { consistencyProblems } from './consistency.js';
import { globalStateProblems, globalStateUses, type GlobalStateUse } from './global-state-lint.js';
import type { Problem } from './problems.js';
import { collectFileRefs, readFileRefs } from './references.js';
import { scenarioSchema, type Scenario } from './schema.js';
import { schemaProblems } from './schema-issues.js';
import { YamlSource } from './yaml-source.js';

export const SCENARIO_FILE = 'scenario.yaml';
export const DEFAULT_SCENARIOS_DIR = fileURLToPath(new URL('../../scenarios', import.meta.url));

/** A valid scenario, with every file it refers to for grading (task text, check scripts, manifests) read in. */
export interface LoadedScenario {
  id: string;
  /** Absolute path of the scenario folder; steps read their files from here. */
  dir: string;
  file: string;
  spec: Scenario;
  /** The scenario's markdown instructions. */
  instructions: string;
}

export interface LoadResult {
  scenario?: LoadedScenario;
  problems: Problem[];
}

/**
 * Where a scenario's steps plainly touch global state, declared in `globalState` or not; nothing for a scenario
 * that does not parse (loadScenario reports that). The importer declares what this finds.
 */
export async function globalStateUsesOf(dir: string): Promise<GlobalStateUse[]> {
  const folder = resolve(dir);
  const file = join(folder, SCENARIO_FILE);
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return [];
  const { source } = YamlSource.parse(file, text);
  if (!source) return [];
  const result = scenarioSchema.safeParse(source.toJS());
  if (!result.success) return [];
  const { texts } = await readFileRefs(folder, source, collectFileRefs(result.data));
  return globalStateUses(result.data, folder, texts);
}

/** Loads and validates scenarios/<id>/scenario.yaml; returns every problem found, not only the first. */
export async function loadScenario(dir: string): Promise<LoadResult> {
  const folder = resolve(dir);
  const file = join(folder, SCENARIO_FILE);
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => error);
  if (text instanceof Error) {
    const why = text.code === 'ENOENT' ? `no ${SCENARIO_FILE} in ${folder}` : text.message;
    return { problems: [{ file, message: why }] };
  }
  const parsed = YamlSource.parse(file, text);
  if (!parsed.source) return { problems: parsed.problems };
  const source = parsed.source;
  const data = source.toJS();
  const result = scenarioSchema.safeParse(data);
  if (!result.success) return { problems: sortProblems(schemaProblems(source, data, result.error.issues)) };

  const spec = result.data;
  const { texts, problems: fileProblems } = await readFileRefs(folder, source, collectFileRefs(spec));
  const problems = sortProblems([
    ...consistencyProblems(spec, folder, source),
    ...fileProblems,
    ...(await globalStateProblems(spec, folder, source, texts)),
  ]);
  if (problems.length > 0) return { problems };
  return {
    scenario: {
      id: spec.id,
      dir: folder,
      file,
      spec: inlineFiles(spec, texts),
      instructions: texts.get(spec.instructions) ?? '',
    },
    problems,
  };
}

/** Loads every scenario folder under root (folders starting with "_" or "." hold shared files and are skipped). */
export async function loadCatalog(
  root: string = DEFAULT_SCENARIOS_DIR,
): Promise<{ scenarios: LoadedScenario[]; problems: Problem[] }> {
  const entries = await readdir(root, { withFileTypes: true });
  const folders = entries
    .filter((entry) => entry.isDirectory() && !/^[_.]/.test(entry.name))
    .map((entry) => join(root, entry.name))
    .sort();
  const results = await Promise.all(folders.map((folder) => loadScenario(folder)));
  return {
    scenarios: results.flatMap((r) => (r.scenario ? [r.scenario] : [])),
    problems: results.flatMap((r) => r.problems),
  };
}

/** An argument that is either a scenario folder (path) or a scenario id in the catalog. */
export async function loadScenarioArg(
  idOrDir: string,
  root: string = DEFAULT_SCENARIOS_DIR,
): Promise<LoadResult> {
  const asPath = await stat(idOrDir).catch(() => undefined);
  if (asPath?.isDirectory()) return loadScenario(idOrDir);
  if (!/^[a-z0-9-]+$/.test(idOrDir)) {
    return { problems: [{ file: idOrDir, message: 'not a scenario folder, and not a scenario id' }] };
  }
  const folder = join(root, idOrDir);
  if (!(await stat(folder).catch(() => undefined))?.isDirectory()) {
    const known = (await loadCatalogIds(root)).join(', ');
    return {
      problems: [{ file: folder, message: `no scenario "${idOrDir}"${known ? ` (known: ${known})` : ''}` }],
    };
  }
  return loadScenario(folder);
}

async function loadCatalogIds(root: string): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isDirectory() && !/^[_.]/.test(e.name))
    .map((e) => basename(e.name))
    .sort();
}

function sortProblems(problems: Problem[]): Problem[] {
  return problems.sort(
    (a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0),
  );
}

/** A script with its include files' text before it; undefined when any file was not read. */
function withIncludes(
  include: readonly string[] | undefined,
  script: string | undefined,
  texts: Map<string, string>,
): string | undefined {
  const parts = [...(include ?? []).map((file) => texts.get(file)), script];
  return parts.every((part) => part !== undefined) ? parts.join('\n') : undefined;
}

function inlineFiles(spec: Scenario, texts: Map<string, string>): Scenario {
  const copy = structuredClone(spec);
  for (const task of copy.tasks) {
    if (task.instructionsFile) task.instructions = texts.get(task.instructionsFile);
    task.checks.forEach((check) =>
      walkCheck(check, [], (c) => {
        if (c.kind === 'script')
          c.script = withIncludes(c.include, c.file ? texts.get(c.file) : c.script, texts);
        if (c.kind === 'admission' && c.file) c.manifest = texts.get(c.file);
      }),
    );
  }
  return copy;
}
