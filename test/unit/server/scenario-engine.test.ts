import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import type { GradeResult } from '../../../grader/index.js';
import type { ClusterProvider } from '../../../server/clusters/types.js';
import { createScenarioEngine, toLabGrade } from '../../../server/labs/scenario-engine.js';
import { quietLogger, tempDir } from './harness.js';

const SCENARIO_YAML = `id: tiny
title: A tiny scenario
description: One namespace to label.
domain: Cluster Hardening
difficulty: medium
minutes: 7
instructions: README.md
tasks:
  - id: label-ns
    title: Label namespace demo
    instructions: Give namespace \`demo\` the label \`team=blue\`.
    hints: [Use kubectl label.]
    checks:
      - id: labelled
        kind: resource
        description: Namespace demo has team=blue
        resource: { apiVersion: v1, kind: Namespace, name: demo }
        fields:
          - path: metadata.labels.team
            equals: blue
solution:
  - name: Label the namespace
    kind: script
    file: solution/fix.sh
`;

/** list() and get() only read files: a provider that throws on use proves they never touch a cluster. */
function catalogOnlyEngine(root: string) {
  const provider = new Proxy({} as ClusterProvider, {
    get: (_target, method) => () => {
      throw new Error(`the catalog must not call provider.${String(method)}`);
    },
  });
  return createScenarioEngine({ provider, scenariosDir: root, logger: quietLogger });
}

describe('scenario engine adapter', () => {
  let root: string;

  before(async () => {
    root = await tempDir('cks-lab-scenarios-');
    await mkdir(join(root, 'tiny', 'solution'), { recursive: true });
    await writeFile(join(root, 'tiny', 'scenario.yaml'), SCENARIO_YAML);
    await writeFile(join(root, 'tiny', 'README.md'), '# Tiny\n\nLabel it.\n');
    await writeFile(join(root, 'tiny', 'solution', 'fix.sh'), 'kubectl label namespace demo team=blue\n');
    await mkdir(join(root, 'broken'));
    await writeFile(join(root, 'broken', 'scenario.yaml'), 'id: broken\n');
  });

  it('lists valid scenarios for the catalog and leaves broken ones out', async () => {
    const engine = catalogOnlyEngine(root);
    assert.deepEqual(await engine.list(), [
      {
        id: 'tiny',
        title: 'A tiny scenario',
        domain: 'Cluster Hardening',
        difficulty: 'medium',
        minutes: 7,
        summary: 'One namespace to label.',
      },
    ]);
  });

  it('gives the lab page instructions, tasks and a solution written from the solution steps', async () => {
    const engine = catalogOnlyEngine(root);
    const detail = await engine.get('tiny');
    assert.ok(detail);
    assert.equal(detail.nodes, 1);
    assert.match(detail.instructions, /# Tiny/);
    assert.deepEqual(detail.tasks, [
      {
        id: 'label-ns',
        title: 'Label namespace demo',
        weight: 1,
        instructions: 'Give namespace `demo` the label `team=blue`.',
      },
    ]);
    assert.equal(
      detail.solution,
      '**1. Label the namespace** (on the control-plane node)\n\n```bash\nkubectl label namespace demo team=blue\n```',
    );
    assert.equal(await engine.get('broken'), undefined);
  });

  it('maps a grade to stored task results with check names, messages and hints', () => {
    const grade: GradeResult = {
      status: 'fail',
      percent: 0,
      score: 0,
      maxScore: 1,
      durationMs: 12,
      tasks: [
        {
          id: 'label-ns',
          title: 'Label namespace demo',
          status: 'fail',
          weight: 1,
          score: 0,
          hints: ['Use kubectl label.', 'Check with --show-labels.'],
          checks: [
            {
              id: 'labelled',
              kind: 'resource',
              description: 'Namespace demo has team=blue',
              status: 'fail',
              message: 'metadata.labels.team: expected "blue", found nothing',
              hint: 'kubectl label ns demo team=blue',
              durationMs: 3,
            },
            {
              id: 'intruder-found',
              kind: 'nodeFile',
              description: 'The report names the intruder',
              conceal: true,
              status: 'fail',
              message: 'expected /root/incident.txt to match ci/image-builder',
              durationMs: 1,
            },
          ],
        },
      ],
    };
    assert.deepEqual(toLabGrade(grade), {
      percent: 0,
      passed: false,
      durationMs: 12,
      tasks: [
        {
          taskId: 'label-ns',
          title: 'Label namespace demo',
          status: 'fail',
          score: 0,
          maxScore: 1,
          hint: 'Use kubectl label.\nCheck with --show-labels.',
          checks: [
            {
              name: 'Namespace demo has team=blue',
              status: 'fail',
              message: 'metadata.labels.team: expected "blue", found nothing',
              hint: 'kubectl label ns demo team=blue',
            },
            // a concealed check's message would name the answer
            { name: 'The report names the intruder', status: 'fail', message: 'not yet' },
          ],
        },
      ],
    });
  });
});
