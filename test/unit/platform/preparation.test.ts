import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import type { EngineProbe } from '../../../infra/host/engine-status.js';
import type { PlatformFacts } from '../../../server/platform/plan.js';
import { PlatformPreparation } from '../../../server/platform/preparation.js';
import { PlatformReadiness } from '../../../server/platform/readiness.js';
import type { PlatformStatus } from '../../../server/platform/types.js';
import type { ProgressEvent, ProgressSink } from '../../../server/progress.js';
import { quietLogger, until } from '../server/harness.js';

const UP: EngineProbe = {
  reachable: true,
  info: { serverVersion: '26.1.5', defaultRuntime: 'runc', dockerRootDir: '/var/lib/docker' },
};
const DOWN: EngineProbe = {
  reachable: false,
  reason: 'unreachable',
  message: 'Cannot connect to the Docker daemon',
};

/** The host as the fake sees it; the fake host prepare and image build change it as the real ones would. */
interface World {
  facts: PlatformFacts;
  builds: boolean[];
  hostPrepares: number;
  order: string[];
  buildFails?: Error;
  /** Progress events the fake build reports. */
  buildEvents: ProgressEvent[];
}

function world(overrides: Partial<PlatformFacts> = {}): World {
  return {
    facts: {
      engine: UP,
      host: { isRoot: false, osName: 'Debian GNU/Linux 12 (bookworm)', isDebianLike: true },
      image: { tag: 'cks-lab/node:v1.32.6-abc', present: false },
      kindPresent: false,
      ...overrides,
    },
    builds: [],
    hostPrepares: 0,
    order: [],
    buildEvents: [
      { kind: 'start', step: 'build Go tools', index: 1, total: 2 },
      { kind: 'info', step: 'build Go tools', message: 'go build k8s.io/kubernetes/cmd/kubelet' },
      { kind: 'end', step: 'build Go tools', index: 1, total: 2, durationMs: 1 },
      { kind: 'start', step: 'finish the node image', index: 2, total: 2 },
      { kind: 'end', step: 'finish the node image', index: 2, total: 2, durationMs: 1 },
    ],
  };
}

const running: PlatformPreparation[] = [];

function prepare(w: World, build = true) {
  const readiness = new PlatformReadiness({ detailIntervalMs: 1 });
  const said: string[] = [];
  const printed: ProgressEvent[] = [];
  const seen: PlatformStatus[] = [];
  readiness.subscribe((status) => seen.push(status));
  const preparation = new PlatformPreparation({
    readiness,
    build,
    logger: quietLogger,
    say: (line) => said.push(line),
    progress: (event) => printed.push(event),
    recheckMs: 5,
    deps: {
      readFacts: async () => structuredClone(w.facts),
      prepareHost: async (progress: ProgressSink) => {
        w.order.push('host');
        w.hostPrepares += 1;
        progress({ kind: 'start', step: 'packages', index: 1, total: 6 });
        w.facts.engine = UP;
      },
      buildImage: async (progress: ProgressSink, force: boolean) => {
        w.order.push('image');
        w.builds.push(force);
        for (const event of w.buildEvents) progress(event);
        if (w.buildFails) throw w.buildFails;
        w.facts.image.present = true;
        w.facts.kindPresent = true;
      },
    },
  });
  running.push(preparation);
  return { readiness, preparation, said, printed, seen };
}

describe('platform preparation (fake host and build: nothing is built)', () => {
  afterEach(async () => {
    await Promise.all(running.splice(0).map((p) => p.stop()));
  });

  it('is ready at the first look when nothing is missing, and runs nothing', async () => {
    const w = world({ image: { tag: 'cks-lab/node:v1.32.6-abc', present: true }, kindPresent: true });
    const { readiness, preparation } = prepare(w);
    assert.deepEqual(await preparation.check(), { kind: 'ready' });
    assert.equal(readiness.isReady(), true);
    assert.deepEqual(w.order, []);
  });

  it('builds a missing image in the background, feeding the tracker and the terminal, then is ready', async () => {
    const w = world();
    const { readiness, preparation, said, printed, seen } = prepare(w);
    const plan = await preparation.check();
    assert.equal(plan.kind, 'prepare');
    assert.equal(readiness.isReady(), false, 'the first look does not pretend');
    preparation.start(plan);
    await until(() => readiness.isReady(), 'ready');
    assert.deepEqual(w.builds, [false]);
    assert.deepEqual(printed, w.buildEvents, 'every build event also reaches the progress printer');
    const building = seen.filter((s) => s.state === 'building');
    assert.ok(
      building.some((s) => s.step?.name === 'build Go tools' && s.step.index === 1 && s.step.total === 2),
    );
    assert.ok(building.some((s) => s.step?.name === 'finish the node image' && s.step.done));
    assert.ok(building.every((s) => s.task?.label === 'building the node image'));
    assert.deepEqual(said, ['the lab platform is ready: labs can start']);
  });

  it('as root prepares the host before the image when the engine is down', async () => {
    const w = world({
      engine: DOWN,
      host: { isRoot: true, osName: 'Debian GNU/Linux 12 (bookworm)', isDebianLike: true },
      image: { tag: 'cks-lab/node:v1.32.6-abc', present: undefined },
    });
    const { readiness, preparation, seen } = prepare(w);
    preparation.start(await preparation.check());
    await until(() => readiness.isReady(), 'ready');
    assert.deepEqual(w.order, ['host', 'image']);
    assert.ok(seen.some((s) => s.task?.index === 1 && s.task.total === 2 && /host/.test(s.task.label)));
    assert.ok(seen.some((s) => s.task?.index === 2 && s.task.total === 2 && /node image/.test(s.task.label)));
  });

  it('without root and engine: says the sudo line once, waits, and carries on by itself once the engine answers', async () => {
    const w = world({ engine: DOWN, image: { tag: 'cks-lab/node:v1.32.6-abc', present: undefined } });
    const { readiness, preparation, said } = prepare(w);
    preparation.start(await preparation.check());
    await until(() => readiness.status().state === 'blocked', 'blocked');
    await new Promise((resolve) => setTimeout(resolve, 40)); // several looks
    assert.equal(said.length, 1, 'the line is not repeated at every look');
    assert.match(said[0] ?? '', /Run: sudo npx cks-lab host prepare$/);
    assert.equal(readiness.status().problem?.command, 'sudo npx cks-lab host prepare');
    assert.deepEqual(w.order, [], 'nothing is built or prepared without root');
    w.facts.engine = UP; // someone ran the sudo line in another terminal
    await until(() => readiness.isReady(), 'ready');
    assert.deepEqual(w.order, ['image']);
  });

  it('after a failed build: shows the problem, never builds again on its own, and sees an image built by hand', async () => {
    const w = world();
    w.buildFails = new Error('command exited with code 2: debootstrap\nE: no space left');
    const { readiness, preparation, said } = prepare(w);
    preparation.start(await preparation.check());
    await until(() => readiness.status().state === 'failed', 'failed');
    const status = readiness.status();
    assert.equal(status.problem?.command, 'npx cks-lab image build');
    assert.match(
      status.problem?.message ?? '',
      /Building the node image failed: command exited with code 2: debootstrap\./,
    );
    assert.equal(status.step?.name, 'finish the node image', 'the step reached stays visible');
    await new Promise((resolve) => setTimeout(resolve, 40));
    assert.equal(w.builds.length, 1);
    assert.equal(readiness.status().state, 'failed');
    assert.match(said[0] ?? '', /Run: npx cks-lab image build$/);
    w.facts.image.present = true; // npx cks-lab image build, by hand
    w.facts.kindPresent = true;
    await until(() => readiness.isReady(), 'ready');
    assert.equal(w.builds.length, 1);
  });

  it('plain serve (no --build-missing) builds nothing and names the command', async () => {
    const w = world();
    const { readiness, preparation } = prepare(w, false);
    preparation.start(await preparation.check());
    await until(() => readiness.status().state === 'blocked', 'blocked');
    assert.equal(readiness.status().problem?.command, 'npx cks-lab image build');
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(w.order, []);
  });

  it('stops looking when stopped', async () => {
    const w = world({ engine: DOWN, image: { tag: 'cks-lab/node:v1.32.6-abc', present: undefined } });
    const { readiness, preparation } = prepare(w);
    preparation.start(await preparation.check());
    await until(() => readiness.status().state === 'blocked', 'blocked');
    await preparation.stop();
    w.facts.engine = UP;
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.deepEqual(w.order, [], 'no build after stop');
    assert.equal(readiness.isReady(), false);
  });
});
