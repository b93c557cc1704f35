import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

const GUIDE = new URL('../../docs/authoring.md', import.meta.url);
/** "`path`, …:" or "`path`:" on its own line, a blank line, then the fenced file. */
const FILE_BLOCK = /^`([\w./-]+)`[^\n]*:\n\n```\w*\n([\s\S]*?)^```$/gm;
export const EXAMPLE_ID = 'psa-enforce';

/** The files of the complete scenario docs/authoring.md walks through, relative to its folder. */
export async function authoringExampleFiles(): Promise<{ path: string; text: string }[]> {
  return [...(await readFile(GUIDE, 'utf8')).matchAll(FILE_BLOCK)].map(([, path, text]) => ({
    path: path!.replace(new RegExp(`^scenarios/${EXAMPLE_ID}/`), ''),
    text: text!,
  }));
}

/** Writes the guide's scenario as <catalog>/psa-enforce (with the schema file its scenario.yaml names beside it). */
export async function writeAuthoringExample(catalog: string): Promise<string> {
  const folder = join(catalog, EXAMPLE_ID);
  for (const file of await authoringExampleFiles()) {
    await mkdir(dirname(join(folder, file.path)), { recursive: true });
    await writeFile(join(folder, file.path), file.text);
  }
  await writeFile(join(catalog, 'scenario.schema.json'), '{}');
  return folder;
}
