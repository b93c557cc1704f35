import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { gradeTasks } from '../../../grader/engine.js';
import { checkSchema } from '../../../grader/schema/check.js';
import type { GradableTask, GraderContext, NodeExecOptions } from '../../../grader/types.js';
import { CommandError } from '../../../server/exec/run.js';
import { localContext } from './support/context.js';
import { FakeKubeApi } from './support/fake-kube-api.js';

/** A check's timeout far beyond the test's own deadline: only the grade's cancellation can stop the work here. */
const CHECK_TIMEOUT_MS = 60_000;
/** How long a cancelled grade may take to stop before the test calls it hung (a guard, not a measurement). */
const STOP_DEADLINE_MS = 15_000;

function tasks(...checks: unknown[]): GradableTask[] {
  return [{ id: 't', title: 'task', weight: 1, checks: checks.map((c) => checkSchema.parse(c)) }];
}

/** Rejects when the promise has not settled by the deadline, so a grade that ignores its signal fails the test. */
function settledWithin<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not stop after cancellation`)), STOP_DEADLINE_MS);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

function onceCalled(): { wait: Promise<void>; call: () => void } {
  let call = () => undefined as void;
  const wait = new Promise<void>((resolve) => (call = resolve));
  return { wait, call };
}

// A grade has a deadline (and a reset or end cancels it): when it passes, the work itself must stop, not only the
// wait for it. Otherwise a learner's slow node command or API server keeps the grader busy after the lab moved on.
describe('grade cancellation', () => {
  let api: FakeKubeApi;

  before(async () => {
    api = await FakeKubeApi.start();
  });
  after(() => api.close());

  it('kills the node command a running check started and rejects with the reason', async () => {
    const started = onceCalled();
    let exec: Promise<unknown> | undefined;
    const base = localContext(api.kubeConfig(), { checkTimeoutMs: CHECK_TIMEOUT_MS });
    const abort = new AbortController();
    const ctx: GraderContext = {
      ...base,
      signal: abort.signal,
      nodeExec: (node, argv, options?: NodeExecOptions) => {
        const running = base.nodeExec(node, argv, options);
        exec = running.catch((error: unknown) => error);
        started.call();
        return running;
      },
    };
    const grading = gradeTasks(tasks({ id: 'slow', kind: 'nodeExec', argv: ['sleep', '600'] }), ctx);
    await started.wait;
    abort.abort(new Error('the lab was reset'));
    await assert.rejects(settledWithin(grading, 'the grade'), /the lab was reset/);
    const outcome = await settledWithin(exec ?? Promise.resolve(), 'sleep 600 on the node');
    assert.ok(outcome instanceof CommandError, `the command was killed, got ${String(outcome)}`);
    assert.equal(outcome.reason, 'aborted');
  });

  it('starts no check that was still waiting for a slot', async () => {
    const started = onceCalled();
    const ran: string[] = [];
    const base = localContext(api.kubeConfig(), { checkTimeoutMs: CHECK_TIMEOUT_MS, concurrency: 1 });
    const abort = new AbortController();
    const ctx: GraderContext = {
      ...base,
      signal: abort.signal,
      nodeExec: (node, argv, options) => {
        ran.push(argv.join(' '));
        started.call();
        return base.nodeExec(node, argv, options);
      },
    };
    const grading = gradeTasks(
      tasks(
        { id: 'first', kind: 'nodeExec', argv: ['sleep', '600'] },
        { id: 'second', kind: 'nodeExec', argv: ['true'] },
      ),
      ctx,
    );
    await started.wait;
    abort.abort(new Error('Check took too long'));
    await assert.rejects(settledWithin(grading, 'the grade'), /Check took too long/);
    assert.deepEqual(ran, ['sleep 600'], 'the waiting check never reached the node');
  });

  it("aborts an API request the learner's API server never answers", async () => {
    const requested = onceCalled();
    const closed = onceCalled();
    api.intercept = (req, res) => {
      if (!req.url?.startsWith('/api/v1/namespaces/app/pods')) return false;
      res.on('close', closed.call); // the client gave up: its socket went away
      requested.call();
      return true; // and never answer
    };
    const abort = new AbortController();
    const ctx = localContext(api.kubeConfig(), { checkTimeoutMs: CHECK_TIMEOUT_MS, signal: abort.signal });
    const grading = gradeTasks(
      tasks({ id: 'r', kind: 'resource', resource: { kind: 'Pod', namespace: 'app', name: 'web' } }),
      ctx,
    );
    await settledWithin(requested.wait, 'the request to reach the API server');
    abort.abort(new Error('the lab was ended'));
    await assert.rejects(settledWithin(grading, 'the grade'), /the lab was ended/);
    await settledWithin(closed.wait, 'the held API request');
    api.intercept = undefined;
  });

  it('does not start at all when the grade is already cancelled', async () => {
    const ran: string[] = [];
    const base = localContext(api.kubeConfig());
    const ctx: GraderContext = {
      ...base,
      signal: AbortSignal.abort(new Error('cancelled before it began')),
      nodeExec: (node, argv, options) => {
        ran.push(argv.join(' '));
        return base.nodeExec(node, argv, options);
      },
    };
    await assert.rejects(
      gradeTasks(tasks({ id: 'a', kind: 'nodeExec', argv: ['true'] }), ctx),
      /cancelled before it began/,
    );
    assert.deepEqual(ran, []);
  });
});
