import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { NodeExecOptions, NodeExecResult } from '../../../server/clusters/types.js';
import { createScenarioEngine } from '../../../server/labs/scenario-engine.js';
import { FakeKubeApi } from '../grader/support/fake-kube-api.js';
import { RecordingProvider } from '../scenarios/support/recording-provider.js';
import { quietLogger, tempDir, until } from './harness.js';

const SCENARIO_YAML = `id: slow
title: A check that never answers
domain: Cluster Hardening
difficulty: easy
minutes: 5
instructions: README.md
tasks:
  - id: t
    title: Wait
    instructions: Nothing to do.
    checks:
      - id: hang
        kind: nodeExec
        timeoutSeconds: 600
        argv: [sleep, "600"]
solution:
  - name: Nothing
    kind: script
    script: "true"
`;

/** A node whose commands run until their signal aborts, recording every command still running. */
class HangingProvider extends RecordingProvider {
  readonly running = new Set<string>();

  override async exec(
    cluster: string,
    node: string,
    argv: readonly string[],
    options: NodeExecOptions = {},
  ): Promise<NodeExecResult> {
    const command = argv.join(' ');
    this.running.add(command);
    try {
      await new Promise<void>((_resolve, reject) => {
        if (options.signal?.aborted) reject(new Error('aborted'));
        options.signal?.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
      });
      return { exitCode: 0, stdout: '', stderr: '' };
    } finally {
      this.running.delete(command);
    }
  }
}

// The Check button's deadline (and a reset or end) aborts the grade's signal. The lab server must pass it down to
// the grader, so the learner's hanging command is stopped, not merely no longer waited for.
describe('scenario engine: a cancelled grade stops its work', () => {
  let api: FakeKubeApi;
  let root: string;

  before(async () => {
    api = await FakeKubeApi.start();
    root = await tempDir('cks-lab-scenarios-');
    await mkdir(join(root, 'slow'));
    await writeFile(join(root, 'slow', 'scenario.yaml'), SCENARIO_YAML);
    await writeFile(join(root, 'slow', 'README.md'), '# Slow\n');
  });
  after(() => api.close());

  it('aborts the node command the grade started and rejects', async () => {
    const provider = new HangingProvider(api);
    const engine = createScenarioEngine({ provider, scenariosDir: root, logger: quietLogger });
    const abort = new AbortController();
    const grading = engine.grade('lab', 'slow', abort.signal);
    const outcome = grading.then(
      () => 'graded',
      (error: unknown) => (error instanceof Error ? error.message : String(error)),
    );
    await until(() => provider.running.size === 1, 'the check to run its command on the node');
    abort.abort(new Error('Check took too long'));
    const message = await outcome;
    await until(() => provider.running.size === 0, 'the node command to be stopped');
    assert.equal(message, 'Check took too long', 'rejected with the reason the grade was cancelled for');
  });
});
