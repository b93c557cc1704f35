// docs/authoring.md walks through a complete scenario, file by file: written out as a scenario folder, it must
// lint, so the guide never teaches a field or a check that the schema refuses.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadScenario } from '../../../server/scenarios/loader.js';
import { formatProblem } from '../../../server/scenarios/problems.js';
import { authoringExampleFiles, writeAuthoringExample } from '../../support/authoring-example.js';

test('the example scenario in docs/authoring.md lints as written', async () => {
  assert.deepEqual(
    (await authoringExampleFiles()).map((file) => file.path),
    ['scenario.yaml', 'checks/root-pod.yaml', 'checks/compliant-pod.yaml', 'README.md'],
  );
  const catalog = await mkdtemp(join(tmpdir(), 'cks-authoring-'));
  try {
    const { scenario, problems } = await loadScenario(await writeAuthoringExample(catalog));
    assert.deepEqual(
      problems.map((problem) => formatProblem(problem)),
      [],
    );
    assert.equal(scenario?.spec.wrongAnswers.length, 2);
  } finally {
    await rm(catalog, { recursive: true, force: true });
  }
});
