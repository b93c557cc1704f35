import assert from 'node:assert/strict';
import { mkdir, rename, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { beforeEach, describe, it } from 'node:test';
import { pino } from 'pino';
import type { ClusterProvider } from '../../../server/clusters/types.js';
import { createScenarioEngine } from '../../../server/labs/scenario-engine.js';
import { loadCatalog } from '../../../server/scenarios/loader.js';
import { tempDir } from './harness.js';

// The soak suite found /api/scenarios and /api/labs/:id ~20x slower than other routes: every call read and
// parsed the whole catalog. These tests pin the cache: one load for many requests, and an author's edit still
// shows up (after the recheck window) without a restart.

const RECHECK_MS = 1000;

function scenarioYaml(id: string, title: string): string {
  return `id: ${id}
title: ${title}
domain: Cluster Hardening
difficulty: easy
minutes: 5
instructions: README.md
tasks:
  - id: label-ns
    title: Label namespace demo
    instructions: Give namespace \`demo\` the label \`team=blue\`.
    checks:
      - id: labelled
        kind: resource
        resource: { apiVersion: v1, kind: Namespace, name: demo }
        fields:
          - path: metadata.labels.team
            equals: blue
solution:
  - name: Label the namespace
    kind: script
    script: kubectl label namespace demo team=blue
`;
}

/** Writes a file and moves its mtime on, so the edit is visible even where timestamps are coarse. */
let tick = 0;
async function edit(file: string, text: string): Promise<void> {
  await writeFile(file, text);
  tick += 10;
  const when = new Date(Date.UTC(2030, 0, 1) + tick * 1000);
  await utimes(file, when, when);
}

function harness(root: string) {
  let loads = 0;
  let clock = 0;
  const logs: Array<{ level: number; msg: string; problem?: string }> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) logs.push(JSON.parse(line));
      done();
    },
  });
  // catalog calls only read files: a provider that throws on use proves they never touch a cluster
  const provider = new Proxy({} as ClusterProvider, {
    get: (_target, method) => () => {
      throw new Error(`the catalog must not call provider.${String(method)}`);
    },
  });
  const engine = createScenarioEngine({
    provider,
    scenariosDir: root,
    logger: pino({ level: 'warn' }, sink),
    recheckMs: RECHECK_MS,
    now: () => clock,
    load: (dir) => {
      loads += 1;
      return loadCatalog(dir);
    },
  });
  return {
    engine,
    logs,
    loads: () => loads,
    /** Moves the injected clock past the recheck window, so the next call looks at the disk again. */
    later: () => {
      clock += RECHECK_MS + 1;
    },
  };
}

describe('scenario engine: the catalog is cached', () => {
  let root: string;

  beforeEach(async () => {
    root = await tempDir('cks-lab-catalog-');
    await mkdir(join(root, 'tiny'));
    await writeFile(join(root, 'tiny', 'scenario.yaml'), scenarioYaml('tiny', 'A tiny scenario'));
    await writeFile(join(root, 'tiny', 'README.md'), '# Tiny\n');
  });

  it('loads the catalog once for many list and get calls, concurrent ones included', async () => {
    const t = harness(root);
    await Promise.all([t.engine.list(), t.engine.get('tiny'), t.engine.list(), t.engine.get('nope')]);
    for (let i = 0; i < 20; i += 1) {
      assert.equal((await t.engine.list()).length, 1);
      assert.equal((await t.engine.get('tiny'))?.title, 'A tiny scenario');
    }
    assert.equal(t.loads(), 1, 'one load serves every request');

    // past the window, nothing changed on disk: a cheap stat check, still no second load
    t.later();
    await Promise.all([t.engine.list(), t.engine.get('tiny')]);
    t.later();
    await t.engine.list();
    assert.equal(t.loads(), 1, 'an unchanged folder is not loaded again');
  });

  it("shows an author's edits, added scenarios and instruction changes after the recheck window", async () => {
    const t = harness(root);
    assert.equal((await t.engine.get('tiny'))?.instructions, '# Tiny\n');

    // same length on purpose: only the timestamps tell this edit apart
    await edit(join(root, 'tiny', 'scenario.yaml'), scenarioYaml('tiny', 'A tidy scenario'));
    await edit(join(root, 'tiny', 'README.md'), '# Tidy\n');
    assert.equal(
      (await t.engine.list())[0]?.title,
      'A tiny scenario',
      'within the window: served from cache',
    );

    t.later();
    assert.equal((await t.engine.list())[0]?.title, 'A tidy scenario');
    const detail = await t.engine.get('tiny');
    assert.equal(detail?.title, 'A tidy scenario');
    assert.equal(detail?.instructions, '# Tidy\n', 'the lab page detail is not kept from the old catalog');
    assert.equal(t.loads(), 2);

    await mkdir(join(root, 'second'));
    await writeFile(join(root, 'second', 'README.md'), '# Second\n');
    await edit(join(root, 'second', 'scenario.yaml'), scenarioYaml('second', 'Another one'));
    t.later();
    // catalog order within one domain and difficulty is by title: "A tidy scenario" before "Another one"
    assert.deepEqual(
      (await t.engine.list()).map((s) => s.id),
      ['tiny', 'second'],
    );
  });

  it('leaves a scenario broken by an edit out, logs it once, and brings it back when fixed', async () => {
    const t = harness(root);
    const file = join(root, 'tiny', 'scenario.yaml');
    await edit(file, scenarioYaml('tiny', 'A tiny scenario').replace('difficulty: easy', 'difficulty: epic'));
    t.later();
    assert.deepEqual(await t.engine.list(), []);
    assert.equal(await t.engine.get('tiny'), undefined);
    // another edit loads the catalog again while the scenario is still broken: no second warning for it
    await edit(join(root, 'tiny', 'README.md'), '# Still tiny\n');
    t.later();
    await t.engine.list();
    const warnings = t.logs.filter((l) => l.msg === 'a scenario is left out of the catalog');
    assert.equal(warnings.length, 1, 'the problem is logged once, not on every check');
    assert.match(warnings[0]?.problem ?? '', /scenario\.yaml:\d+:\d+ difficulty:/);

    await edit(file, scenarioYaml('tiny', 'A fixed scenario'));
    t.later();
    assert.equal((await t.engine.get('tiny'))?.title, 'A fixed scenario');
    assert.equal(t.loads(), 3, 'the broken edit, the README edit, the fix');
  });

  it('serves the last catalog that loaded while the folder cannot be read, and logs why', async () => {
    const t = harness(root);
    await t.engine.list();
    const away = `${root}-away`;
    await rename(root, away);
    t.later();
    assert.deepEqual(
      (await t.engine.list()).map((s) => s.id),
      ['tiny'],
      'a missing folder does not empty the catalog',
    );
    assert.equal((await t.engine.get('tiny'))?.title, 'A tiny scenario');
    const errors = t.logs.filter((l) => l.level >= 50);
    assert.equal(errors.length, 1);
    assert.match(errors[0]?.msg ?? '', /cannot reload the scenario catalog/);

    await rename(away, root);
    await edit(join(root, 'tiny', 'scenario.yaml'), scenarioYaml('tiny', 'Back again'));
    t.later();
    assert.equal((await t.engine.list())[0]?.title, 'Back again', 'the next check loads it again');
  });
});
