import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EngineProbe } from '../../../infra/host/engine-status.js';
import type { HostIdentity } from '../../../infra/host/host-identity.js';
import { hostAction, problemLine } from '../../../server/platform/host-action.js';
import { planPlatform, type PlatformFacts } from '../../../server/platform/plan.js';

const UP: EngineProbe = {
  reachable: true,
  info: { serverVersion: '26.1.5', defaultRuntime: 'runc', dockerRootDir: '/var/lib/docker' },
};
const DOWN: EngineProbe = {
  reachable: false,
  reason: 'unreachable',
  message: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock',
};
const DENIED: EngineProbe = {
  reachable: false,
  reason: 'unreachable',
  message: 'permission denied while trying to connect to the Docker daemon socket',
};
const DEBIAN_USER: HostIdentity = {
  isRoot: false,
  osName: 'Debian GNU/Linux 12 (bookworm)',
  isDebianLike: true,
};
const DEBIAN_ROOT: HostIdentity = { ...DEBIAN_USER, isRoot: true };
const FEDORA_ROOT: HostIdentity = { isRoot: true, osName: 'Fedora Linux 40', isDebianLike: false };
const TAG = 'cks-lab/node:v1.32.6-0123456789ab';

function facts(overrides: Partial<PlatformFacts> = {}): PlatformFacts {
  return {
    engine: UP,
    host: DEBIAN_USER,
    image: { tag: TAG, present: true },
    kindPresent: true,
    ...overrides,
  };
}

describe('hostAction: what npm start / npm test do about the host', () => {
  it('does nothing when the engine answers', () => {
    assert.deepEqual(hostAction({ engine: UP, host: DEBIAN_USER }), { kind: 'none' });
  });

  it('prepares the host itself as root on Debian/Ubuntu', () => {
    assert.deepEqual(hostAction({ engine: DOWN, host: DEBIAN_ROOT }), {
      kind: 'prepare',
      withBrowser: false,
    });
    assert.deepEqual(hostAction({ engine: UP, host: DEBIAN_ROOT, browserMissing: true }), {
      kind: 'prepare',
      withBrowser: true,
    });
  });

  it('gives anyone else the one sudo command, saying what it does', () => {
    const action = hostAction({ engine: DOWN, host: DEBIAN_USER });
    assert.equal(action.kind, 'instruct');
    if (action.kind !== 'instruct') return;
    assert.equal(action.problem.command, 'sudo npx cks-lab host prepare');
    assert.match(action.problem.message, /Cannot connect to the Docker daemon/);
    assert.match(action.problem.message, /installs and starts a Docker engine/);
    const line = problemLine(action.problem);
    assert.doesNotMatch(line, /\n/, 'one line');
    assert.match(line, /Run: sudo npx cks-lab host prepare$/);
  });

  it('asks for --with-browser when the e2e tier lacks chromium', () => {
    const action = hostAction({ engine: UP, host: DEBIAN_USER, browserMissing: true });
    assert.equal(
      action.kind === 'instruct' && action.problem.command,
      'sudo npx cks-lab host prepare --with-browser',
    );
  });

  it('names the docker group, not host prepare, when the engine refuses this user', () => {
    const action = hostAction({ engine: DENIED, host: DEBIAN_USER });
    assert.equal(action.kind === 'instruct' && action.problem.command, 'sudo usermod -aG docker "$USER"');
  });

  it('does not run host prepare where it cannot work (not Debian/Ubuntu), even as root', () => {
    const action = hostAction({ engine: DOWN, host: FEDORA_ROOT });
    assert.equal(action.kind, 'instruct');
    assert.match(action.kind === 'instruct' ? action.problem.message : '', /Fedora Linux 40/);
  });
});

describe('planPlatform', () => {
  it('is ready when the engine answers and the image and kind exist', () => {
    assert.deepEqual(planPlatform(facts(), { build: true }), { kind: 'ready' });
    assert.deepEqual(planPlatform(facts(), { build: false }), { kind: 'ready' });
  });

  it('builds a missing image in the background with --build-missing', () => {
    assert.deepEqual(planPlatform(facts({ image: { tag: TAG, present: false } }), { build: true }), {
      kind: 'prepare',
      tasks: [{ kind: 'image', force: false }],
    });
  });

  it('as root prepares the host first (the build needs its packages), also when the engine is down', () => {
    const expected = { kind: 'prepare', tasks: [{ kind: 'host' }, { kind: 'image', force: false }] };
    assert.deepEqual(
      planPlatform(facts({ host: DEBIAN_ROOT, image: { tag: TAG, present: false } }), { build: true }),
      expected,
    );
    assert.deepEqual(
      planPlatform(facts({ host: DEBIAN_ROOT, engine: DOWN, image: { tag: TAG, present: undefined } }), {
        build: true,
      }),
      expected,
    );
  });

  it('without root and without an engine: blocked on the sudo line, nothing built', () => {
    const plan = planPlatform(facts({ engine: DOWN, image: { tag: TAG, present: undefined } }), {
      build: true,
    });
    assert.equal(plan.kind, 'blocked');
    assert.equal(plan.kind === 'blocked' && plan.problem.command, 'sudo npx cks-lab host prepare');
  });

  it('rebuilds (force) when the image exists but kind does not, since kind comes out of that build', () => {
    assert.deepEqual(planPlatform(facts({ kindPresent: false }), { build: true }), {
      kind: 'prepare',
      tasks: [{ kind: 'image', force: true }],
    });
  });

  it('without --build-missing only says what to run, also as root', () => {
    const image = planPlatform(facts({ image: { tag: TAG, present: false } }), { build: false });
    assert.equal(image.kind, 'blocked');
    if (image.kind === 'blocked') {
      assert.equal(image.problem.command, 'npx cks-lab image build');
      assert.match(image.problem.message, new RegExp(TAG.replace(/[.:/]/g, '\\$&')));
    }
    const engine = planPlatform(facts({ engine: DOWN, host: DEBIAN_ROOT }), { build: false });
    assert.equal(engine.kind === 'blocked' && engine.problem.command, 'sudo npx cks-lab host prepare');
    const kind = planPlatform(facts({ kindPresent: false }), { build: false });
    assert.equal(kind.kind === 'blocked' && kind.problem.command, 'npx cks-lab image build --force');
  });
});
