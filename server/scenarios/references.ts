import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { LineCounter, parseAllDocuments } from 'yaml';
import type { Problem } from './problems.js';
import type { Scenario } from './schema.js';
import { eachCheck, eachStep, type FieldPath } from './walk.js';
import type { YamlSource } from './yaml-source.js';

/** A file the scenario refers to; `manifest` files must also be valid Kubernetes YAML. */
export interface FileRef {
  path: FieldPath;
  file: string;
  type: 'text' | 'manifest' | 'binary';
}

export function collectFileRefs(scenario: Scenario): FileRef[] {
  const refs: FileRef[] = [{ path: ['instructions'], file: scenario.instructions, type: 'text' }];
  scenario.images.forEach((image, i) => {
    // a build folder must hold a Dockerfile; checking for it also proves the folder exists
    if (typeof image !== 'string')
      refs.push({ path: ['images', i, 'build'], file: join(image.build, 'Dockerfile'), type: 'binary' });
  });
  scenario.tasks.forEach((task, t) => {
    if (task.instructionsFile)
      refs.push({ path: ['tasks', t, 'instructionsFile'], file: task.instructionsFile, type: 'text' });
  });
  eachCheck(scenario, (check, path) => {
    if (check.kind === 'admission' && check.file)
      refs.push({ path: [...path, 'file'], file: check.file, type: 'manifest' });
    if (check.kind === 'script' && check.file)
      refs.push({ path: [...path, 'file'], file: check.file, type: 'text' });
    if (check.kind === 'script') refs.push(...includeRefs(check.include, path));
  });
  eachStep(scenario, (step, path) => {
    if (step.kind === 'apply' && step.file !== undefined) {
      const files = Array.isArray(step.file) ? step.file : [step.file];
      files.forEach((file, i) =>
        refs.push({
          path: Array.isArray(step.file) ? [...path, 'file', i] : [...path, 'file'],
          file,
          type: 'manifest',
        }),
      );
    }
    if (step.kind === 'script' && step.file)
      refs.push({ path: [...path, 'file'], file: step.file, type: 'text' });
    if (step.kind === 'script') refs.push(...includeRefs(step.include, path));
    if (step.kind === 'copy') refs.push({ path: [...path, 'from'], file: step.from, type: 'binary' });
  });
  return refs;
}

function includeRefs(include: readonly string[] | undefined, path: FieldPath): FileRef[] {
  return (include ?? []).map((file, i) => ({ path: [...path, 'include', i], file, type: 'text' as const }));
}

/** Checks that every referenced file stays in the scenario folder, exists and (for manifests) parses; returns texts. */
export async function readFileRefs(
  dir: string,
  source: YamlSource,
  refs: FileRef[],
): Promise<{ texts: Map<string, string>; problems: Problem[] }> {
  const texts = new Map<string, string>();
  const problems: Problem[] = [];
  for (const ref of refs) {
    const absolute = resolve(dir, ref.file);
    const inside = relative(dir, absolute);
    if (isAbsolute(ref.file) || inside.startsWith('..')) {
      problems.push(source.problemAt(ref.path, `"${ref.file}" must be a path inside the scenario folder`));
      continue;
    }
    const info = await stat(absolute).catch((error: NodeJS.ErrnoException) => error);
    if (info instanceof Error || !info.isFile()) {
      const why =
        info instanceof Error ? (info.code === 'ENOENT' ? 'does not exist' : info.message) : 'is not a file';
      problems.push(source.problemAt(ref.path, `file "${ref.file}" ${why} (looked for ${absolute})`));
      continue;
    }
    if (ref.type === 'binary') continue;
    const text = await readFile(absolute, 'utf8');
    texts.set(ref.file, text);
    if (ref.type === 'manifest') problems.push(...manifestProblems(absolute, text));
  }
  return { texts, problems };
}

/** Syntax errors and documents that are not Kubernetes objects, located in the manifest file itself. */
export function manifestProblems(
  file: string,
  text: string,
  inline: { lineOffset: number; field: string } = { lineOffset: 0, field: '' },
): Problem[] {
  const { lineOffset } = inline;
  const field = inline.field ? { field: inline.field } : {};
  const lines = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false });
  const at = (offset: number) => {
    const pos = lines.linePos(offset);
    return { line: pos.line + lineOffset, col: pos.col };
  };
  const problems: Problem[] = [];
  for (const document of Array.isArray(documents) ? documents : []) {
    for (const error of document.errors) {
      problems.push({
        file,
        ...at(error.pos[0]),
        ...field,
        message: error.message.split('\n')[0] ?? error.message,
      });
    }
    if (document.errors.length > 0) continue;
    const object: unknown = document.toJS();
    if (object === null || object === undefined) continue; // an empty document between separators
    const record =
      typeof object === 'object' && !Array.isArray(object) ? (object as Record<string, unknown>) : {};
    if (typeof record.kind !== 'string' || typeof record.apiVersion !== 'string') {
      const start = document.contents?.range?.[0] ?? document.range[0];
      problems.push({
        file,
        ...at(start),
        ...field,
        message: 'not a Kubernetes object: needs "apiVersion" and "kind"',
      });
    }
  }
  return problems;
}
