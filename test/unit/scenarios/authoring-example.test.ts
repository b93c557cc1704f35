// docs/authoring.md walks through a complete scenario, file by file: written out as a scenario folder, it must
// lint, so the guide never teaches a field or a check that the schema refuses.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { loadScenario } from '../../../server/scenarios/loader.js';
import { formatProblem } from '../../../server/scenarios/problems.js';

const GUIDE = new URL('../../../docs/authoring.md', import.meta.url);
/** "`path`, …:" or "`path`:" on its own line, a blank line, then the fenced file. */
const FILE_BLOCK = /^`([\w./-]+)`[^\n]*:\n\n```\w*\n([\s\S]*?)^```$/gm;

test('the example scenario in docs/authoring.md lints as written', async () => {
  const files = [...(await readFile(GUIDE, 'utf8')).matchAll(FILE_BLOCK)].map(([, path, text]) => ({
    path: path!.replace(/^scenarios\/psa-enforce\//, ''),
    text: text!,
  }));
  assert.deepEqual(
    files.map((file) => file.path),
    ['scenario.yaml', 'checks/root-pod.yaml', 'checks/compliant-pod.yaml', 'README.md'],
  );
  const catalog = await mkdtemp(join(tmpdir(), 'cks-authoring-'));
  try {
    const folder = join(catalog, 'psa-enforce');
    for (const file of files) {
      await mkdir(dirname(join(folder, file.path)), { recursive: true });
      await writeFile(join(folder, file.path), file.text);
    }
    // the guide's scenario.yaml names the catalog's schema file beside the folder
    await writeFile(join(catalog, 'scenario.schema.json'), '{}');
    const { scenario, problems } = await loadScenario(folder);
    assert.deepEqual(
      problems.map((problem) => formatProblem(problem)),
      [],
    );
    assert.equal(scenario?.spec.wrongAnswers.length, 2);
  } finally {
    await rm(catalog, { recursive: true, force: true });
  }
});
