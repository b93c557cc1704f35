import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import {
  DEFAULT_SCENARIOS_DIR,
  loadCatalog,
  loadScenario,
  loadScenarioArg,
} from '../../../server/scenarios/loader.js';
import { formatProblem } from '../../../server/scenarios/problems.js';

const fixtures = fileURLToPath(new URL('../../fixtures/scenarios', import.meta.url));
const repo = fileURLToPath(new URL('../../..', import.meta.url));

async function problemLines(dir: string): Promise<string[]> {
  const { problems } = await loadScenario(`${fixtures}/${dir}`);
  return problems.map((p) => formatProblem(p, repo));
}

describe('scenario loader', () => {
  it('loads a valid scenario, applies defaults and reads task text, check scripts and manifests in', async () => {
    const { scenario, problems } = await loadScenario(`${fixtures}/valid/psa-demo`);
    assert.deepEqual(problems, []);
    assert.ok(scenario);
    assert.equal(scenario.id, 'psa-demo');
    assert.match(scenario.instructions, /^# Pod Security demo/);
    const [enforce, remove] = scenario.spec.tasks;
    assert.equal(enforce?.instructions, 'Make the API server reject privileged pods in namespace `build`.\n');
    assert.equal(remove?.weight, 1, 'weight defaults to 1');
    const admission = enforce?.checks[1];
    assert.equal(
      admission?.kind === 'admission' &&
        typeof admission.manifest === 'string' &&
        admission.manifest.includes('privileged: true'),
      true,
    );
    const nested = remove?.checks[1];
    const script = nested?.kind === 'allOf' ? nested.checks[0] : undefined;
    assert.equal(
      script?.kind === 'script' && script.script?.startsWith('# lib/common.sh'),
      true,
      'the include comes first',
    );
    assert.equal(
      script?.kind === 'script' && script.script?.includes('\n#!/bin/bash'),
      true,
      'then the file',
    );
    assert.equal(script?.kind === 'script' && script.node, 'control-plane', 'node defaults to control-plane');
  });

  it('reports every schema problem with file:line:col, the field path, and expected vs found', async () => {
    assert.deepEqual(await problemLines('broken/many-problems'), [
      'test/fixtures/scenarios/broken/many-problems/scenario.yaml:17:15 tasks[0].checks[1].kind: expected one of resource, admission, access, podExec, nodeExec, nodeFile, script, allOf, anyOf, not, found "resorce"',
      'test/fixtures/scenarios/broken/many-problems/scenario.yaml:26:16 tasks[1].checks[0].argv[0]: expected string, found true',
      'test/fixtures/scenarios/broken/many-problems/scenario.yaml:30:5 solution[0].namesapce: unknown field "namesapce"',
    ]);
  });

  it('reports reference and consistency problems, each where it is written', async () => {
    const lines = await problemLines('broken/bad-references');
    const dir = 'test/fixtures/scenarios/broken/bad-references';
    assert.deepEqual(lines, [
      `${dir}/manifests/bad.yaml:6:1 not a Kubernetes object: needs "apiVersion" and "kind"`,
      `${dir}/manifests/bad.yaml:10:1 Flow sequence in block collection must be sufficiently indented and end with a ]`,
      `${dir}/scenario.yaml:1:5 id: must equal the folder name "bad-references", found "not-the-folder"`,
      `${dir}/scenario.yaml:16:13 tasks[0].checks[1].id: duplicate check id "a" in task "first"`,
      `${dir}/scenario.yaml:18:15 tasks[0].checks[1].file: file "missing-verify.sh" does not exist (looked for ${repo}${dir}/missing-verify.sh)`,
      `${dir}/scenario.yaml:19:9 tasks[1].id: duplicate task id "first"`,
      `${dir}/scenario.yaml:25:15 tasks[1].checks[0].node: this scenario has one node ("nodes: 1"); use control-plane or set "nodes: 2"`,
      `${dir}/scenario.yaml:29:32 solution[0].file[1]: file "manifests/missing.yaml" does not exist (looked for ${repo}${dir}/manifests/missing.yaml)`,
      `${dir}/scenario.yaml:31:11 solution[1].from: "../outside.txt" must be a path inside the scenario folder`,
      `${dir}/scenario.yaml:38:1 solution[2].manifest: Flow sequence in block collection must be sufficiently indented and end with a ]`,
      `${dir}/scenario.yaml:44:19 wrongAnswers[0].steps[0].include[0]: "../lib.sh" must be a path inside the scenario folder`,
      `${dir}/scenario.yaml:45:19 wrongAnswers[0].mustFail[1]: "nope" is neither a task id nor a check id of this scenario`,
    ]);
  });

  it('reports YAML syntax errors with their position and stops there', async () => {
    assert.deepEqual(await problemLines('broken/yaml-syntax'), [
      'test/fixtures/scenarios/broken/yaml-syntax/scenario.yaml:7:1 Flow sequence in block collection must be sufficiently indented and end with a ]',
    ]);
  });

  it('loads a catalog: valid scenarios plus the problems of the broken ones', async () => {
    const broken = await loadCatalog(`${fixtures}/broken`);
    assert.equal(broken.scenarios.length, 0);
    const scenarioOf = (file: string) => /broken\/([\w-]+)\//.exec(file)?.[1];
    assert.deepEqual(
      [...new Set(broken.problems.map((p) => scenarioOf(p.file)))],
      ['bad-references', 'many-problems', 'yaml-syntax'],
    );
    const valid = await loadCatalog(`${fixtures}/valid`);
    assert.deepEqual(
      valid.scenarios.map((s) => s.id),
      ['psa-demo'],
    );
  });

  it('resolves an id in the catalog or a folder, and names the known ids when the id is unknown', async () => {
    assert.equal((await loadScenarioArg('psa-demo', `${fixtures}/valid`)).scenario?.id, 'psa-demo');
    assert.equal((await loadScenarioArg(`${fixtures}/valid/psa-demo`)).scenario?.id, 'psa-demo');
    const unknown = await loadScenarioArg('psa-dem', `${fixtures}/valid`);
    assert.equal(unknown.problems[0]?.message, 'no scenario "psa-dem" (known: psa-demo)');
  });

  it('the shipped catalog lints clean', async () => {
    const { problems } = await loadCatalog(DEFAULT_SCENARIOS_DIR);
    assert.deepEqual(
      problems.map((p) => formatProblem(p, repo)),
      [],
    );
  });
});
