import { realpath } from 'node:fs/promises';
import { basename, posix } from 'node:path';
import { assetDestination, modeFromChmod } from './asset-target.js';
import { backendFor } from './backend.js';
import { ImportError } from './import-error.js';
import { ignoredKeys, indexSchema, type KillercodaAsset, type KillercodaPage } from './killercoda-schema.js';
import { LIMITS } from './limits.js';
import { formatBytes } from '../../grader/output-limits.js';
import { listFilesInside, readInside, readTextInside } from './safe-path.js';
import type { SourceAsset, SourcePage, SourceScenario, SourceText } from './source.js';

export const INDEX_FILE = 'index.json';
/** Killercoda and Katacoda both keep asset files in this folder. */
const ASSETS_DIR = 'assets';

/** Reads and validates a Killercoda scenario folder (index.json in either form, every file it names). */
export async function readKillercodaScenario(dir: string): Promise<SourceScenario> {
  const folder = await realpath(dir).catch(() => {
    throw new ImportError(`${dir} does not exist; give the path of a Killercoda scenario folder`);
  });
  const raw = await readTextInside(folder, INDEX_FILE, LIMITS.jsonBytes, 'index.json').catch((error) => {
    if (error instanceof ImportError && / does not exist/.test(error.message))
      throw new ImportError(
        `${folder} has no index.json: give a Killercoda scenario folder (or a course folder with structure.json)`,
      );
    throw error;
  });
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (error) {
    throw new ImportError(`${folder}/index.json is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = indexSchema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 10)
      .map((issue) => `  ${issue.path.join('.') || '(top)'}: ${issue.message}`);
    throw new ImportError(`${folder}/index.json does not have the Killercoda shape:\n${issues.join('\n')}`);
  }
  const index = parsed.data;
  const backend = backendFor(index.backend?.imageid);
  const pages = [index.details.intro, ...index.details.steps, index.details.finish];
  const katacoda =
    index.environment !== undefined ||
    index.details.assets?.client !== undefined ||
    pages.some((page) => page?.courseData !== undefined || page?.code !== undefined);
  const read = (page: KillercodaPage | undefined, where: string) => readPage(folder, page, where);
  const steps: SourcePage[] = [];
  for (const [i, step] of index.details.steps.entries()) steps.push(await read(step, `details.steps[${i}]`));
  if (steps.length === 0)
    throw new ImportError(`${folder}/index.json lists no steps (details.steps): there is nothing to grade`);
  return {
    folder,
    name: basename(folder),
    form: katacoda ? 'katacoda' : 'killercoda',
    title: index.title,
    description: index.description,
    difficulty: index.difficulty,
    time: index.time,
    nodes: backend.nodes,
    backendNote: backend.note,
    ...(index.details.intro ? { intro: await read(index.details.intro, 'details.intro') } : {}),
    steps,
    ...(index.details.finish ? { finish: await read(index.details.finish, 'details.finish') } : {}),
    assets: await readAssets(folder, index.details.assets ?? {}, backend.nodes),
    ignored: [
      ...ignoredKeys(data).map((key) => `${key}: not a Killercoda key the importer knows`),
      ...layoutNotes(index.environment, index.interface),
    ],
  };
}

async function readPage(
  folder: string,
  page: KillercodaPage | undefined,
  where: string,
): Promise<SourcePage> {
  if (!page) return {};
  const both = (a?: string, b?: string, names = '') => {
    if (a !== undefined && b !== undefined)
      throw new ImportError(`${where} names both ${names}; they mean the same script, keep one`);
    return a ?? b;
  };
  const text = async (file: string | undefined, what: string): Promise<SourceText | undefined> =>
    file === undefined
      ? undefined
      : { file, text: await readTextInside(folder, file, LIMITS.textBytes, `${where}.${what}`) };
  return {
    ...(page.title !== undefined ? { title: page.title } : {}),
    text: await text(page.text, 'text'),
    verify: await text(page.verify, 'verify'),
    background: await text(
      both(page.background, page.courseData, '"background" and "courseData"'),
      'background',
    ),
    foreground: await text(both(page.foreground, page.code, '"foreground" and "code"'), 'foreground'),
  };
}

/** host01 (Killercoda) and client (Katacoda) are the first machine, host02 the second. */
function nodeForHost(host: string, nodes: 1 | 2): SourceAsset['node'] {
  if (host === 'host01' || host === 'client') return 'control-plane';
  if (host === 'host02' && nodes === 2) return 'worker';
  throw new ImportError(
    `details.assets.${host}: ${host === 'host02' ? 'host02 needs a 2-node backend' : 'unknown host'}; ` +
      'assets go to host01 (the control-plane node) or, with kubernetes-kubeadm-2nodes, host02 (node01)',
  );
}

async function readAssets(
  folder: string,
  byHost: Record<string, KillercodaAsset[]>,
  nodes: 1 | 2,
): Promise<SourceAsset[]> {
  const assets: SourceAsset[] = [];
  let total = 0;
  for (const [host, list] of Object.entries(byHost)) {
    const node = nodeForHost(host, nodes);
    for (const asset of list) {
      const mode = modeFromChmod(asset.chmod);
      for (const file of await expandAssetFile(folder, asset.file)) {
        const content = await readInside(folder, file, LIMITS.assetBytes, 'asset');
        total += content.length;
        if (total > LIMITS.assetsTotalBytes || assets.length >= LIMITS.assetFiles)
          throw new ImportError(
            `the assets exceed ${formatBytes(LIMITS.assetsTotalBytes)} or ${LIMITS.assetFiles} files; ` +
              'an importable scenario keeps its assets small',
          );
        assets.push({ file, content, to: assetDestination(asset.target, file), mode, node });
      }
    }
  }
  return assets;
}

/** A file under assets/, or a "*" pattern in its last segment (e.g. "*", "manifests/*.yaml"). */
async function expandAssetFile(folder: string, pattern: string): Promise<string[]> {
  const path = posix.join(ASSETS_DIR, pattern);
  if (!pattern.includes('*')) return [path];
  const dir = posix.dirname(path);
  const name = posix.basename(path);
  if (dir.includes('*') || name.includes('**'))
    throw new ImportError(
      `asset file "${pattern}": only "*" in the file name is supported (no "**" or folder patterns)`,
    );
  const matcher = new RegExp(`^${name.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
  const files = (await listFilesInside(folder, dir, `asset "${pattern}"`)).filter((f) => matcher.test(f));
  if (files.length === 0) throw new ImportError(`asset file "${pattern}" matches no file in ${dir}`);
  return files.map((f) => posix.join(dir, f));
}

function layoutNotes(environment?: Record<string, unknown>, ui?: Record<string, unknown>): string[] {
  const notes: string[] = [];
  const uilayout = environment?.uilayout;
  if (typeof uilayout === 'string')
    notes.push(
      `environment.uilayout "${uilayout.slice(0, 50)}": ignored (the cks-lab lab page is always the ` +
        'instructions beside a terminal)',
    );
  const other = Object.keys(environment ?? {}).filter((key) => key !== 'uilayout');
  if (other.length)
    notes.push(`environment.${other.slice(0, 10).join(', environment.')}: ignored (Katacoda UI settings)`);
  if (ui !== undefined) notes.push('interface: ignored (the cks-lab lab page has one layout)');
  return notes;
}
