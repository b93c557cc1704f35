import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import type { RunOptions, RunResult } from '../../../server/exec/run.js';
import {
  codenameOf,
  ensureNodePackages,
  NodePackagesError,
  packageSetKey,
} from '../../../server/scenarios/node-packages.js';
import { installNodePackages } from '../../../server/scenarios/install-node-packages.js';
import type { NodeExecOptions, NodeExecResult } from '../../../server/clusters/types.js';

const BOOKWORM = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nVERSION_CODENAME=bookworm\nID=debian\n';
const NODE = { codename: 'bookworm', dpkgStatus: 'Package: bash\nStatus: install ok installed\n' };

/** apt-get --download-only as far as these tests care: drops the named .debs into Dir::Cache::archives. */
function fakeApt(debs: string[], result: Partial<RunResult> = {}) {
  const calls: (readonly string[])[] = [];
  const runCommand = async (argv: readonly string[], _options?: RunOptions): Promise<RunResult> => {
    calls.push(argv);
    const archives = argv.find((arg) => arg.startsWith('Dir::Cache::archives='))!.split('=')[1]!;
    for (const deb of debs) await writeFile(join(archives, deb), `contents of ${deb}`);
    return { exitCode: 0, stdout: '', stderr: '', ...result } as RunResult;
  };
  return { calls, runCommand };
}

describe('node packages: resolved against the node, fetched once on this host', () => {
  let cacheDir = '';
  beforeEach(async () => {
    cacheDir = await mkdtemp(join(tmpdir(), 'cks-node-packages-'));
  });
  afterEach(async () => {
    await rm(cacheDir, { recursive: true, force: true });
  });

  test('asks apt for exactly the named packages against the node status, and caches the .debs', async () => {
    const apt = fakeApt(['bpftrace_0.17.0-1_amd64.deb', 'libbpfcc_0.26.0+ds-1_amd64.deb']);
    const options = { runCommand: apt.runCommand, hostOsRelease: BOOKWORM, cacheDir };
    const set = await ensureNodePackages(['bpftrace'], NODE, options);
    assert.deepEqual(set.files, ['bpftrace_0.17.0-1_amd64.deb', 'libbpfcc_0.26.0+ds-1_amd64.deb']);
    assert.equal(apt.calls.length, 1);
    const argv = apt.calls[0]!;
    assert.equal(argv[0], 'apt-get');
    assert.ok(argv.includes('--download-only') && argv.includes('--no-install-recommends'));
    assert.deepEqual(argv.slice(argv.indexOf('--')), ['--', 'bpftrace']);
    assert.match(
      argv.find((arg) => arg.startsWith('Dir::State::status='))!,
      /status$/,
    );
    assert.deepEqual((await readdir(set.dir)).sort(), [
      'bpftrace_0.17.0-1_amd64.deb',
      'debs.json',
      'libbpfcc_0.26.0+ds-1_amd64.deb',
    ]);

    const again = await ensureNodePackages(['bpftrace'], NODE, options);
    assert.deepEqual(again, set);
    assert.equal(apt.calls.length, 1, 'the second call came from the cache');
  });

  test('another node state or package list is another set', () => {
    const key = packageSetKey(['strace', 'bpftrace'], NODE);
    assert.equal(
      packageSetKey(['bpftrace', 'strace', 'strace'], NODE),
      key,
      'order and repeats do not matter',
    );
    assert.notEqual(packageSetKey(['bpftrace'], NODE), key);
    assert.notEqual(packageSetKey(['strace', 'bpftrace'], { ...NODE, dpkgStatus: 'Package: strace\n' }), key);
  });

  test('refuses a host whose apt indexes another Debian release than the nodes run', async () => {
    const apt = fakeApt([]);
    await assert.rejects(
      ensureNodePackages(['bpftrace'], NODE, {
        runCommand: apt.runCommand,
        hostOsRelease: 'VERSION_CODENAME=trixie\n',
        cacheDir,
      }),
      (error: Error) => error instanceof NodePackagesError && /bookworm.*trixie/.test(error.message),
    );
    assert.equal(apt.calls.length, 0);
  });

  test('says what to do when apt cannot fetch, and leaves no half-made set behind', async () => {
    const apt = fakeApt([], { exitCode: 100, stderr: 'E: Unable to locate package bpftraze' });
    await assert.rejects(
      ensureNodePackages(['bpftraze'], NODE, {
        runCommand: apt.runCommand,
        hostOsRelease: BOOKWORM,
        cacheDir,
      }),
      /Unable to locate package bpftraze.*apt-get update/,
    );
    assert.deepEqual(await readdir(cacheDir), []);
  });

  test('never passes something that is not a package name to apt', async () => {
    const apt = fakeApt([]);
    await assert.rejects(
      ensureNodePackages(['-oAPT::Get::Trivial-Only=false'], NODE, {
        runCommand: apt.runCommand,
        hostOsRelease: BOOKWORM,
        cacheDir,
      }),
      NodePackagesError,
    );
    assert.equal(apt.calls.length, 0);
  });

  test('codenameOf reads os-release with or without quotes', () => {
    assert.equal(codenameOf(BOOKWORM), 'bookworm');
    assert.equal(codenameOf('VERSION_CODENAME="trixie"\n'), 'trixie');
    assert.equal(codenameOf('ID=alpine\n'), undefined);
  });
});

describe('installNodePackages', () => {
  /** A two-node cluster whose nodes answer cat and dpkg; records what reached them. */
  function fakeCluster(dpkgExit = 0) {
    const log: string[] = [];
    const provider = {
      async exec(_cluster: string, node: string, argv: readonly string[], _options?: NodeExecOptions) {
        log.push(`${node}: ${argv.join(' ')}`);
        const stdout =
          argv[2] === '/etc/os-release'
            ? BOOKWORM
            : argv[2] === '/var/lib/dpkg/status'
              ? NODE.dpkgStatus
              : '';
        const exitCode = argv[0] === 'dpkg' ? dpkgExit : 0;
        return {
          exitCode,
          stdout,
          stderr: exitCode ? 'dpkg: error processing package bpftrace' : '',
        } as NodeExecResult;
      },
      async copyToNode(_cluster: string, node: string, content: Buffer | string, dest: string) {
        log.push(`${node}: copy ${dest} (${String(content)})`);
      },
    };
    return { log, target: { provider, cluster: 'c', nodes: ['c-control-plane', 'c-worker'] } };
  }

  test('reads the first node, then copies the set to every node and installs it with dpkg', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cks-debs-'));
    try {
      await writeFile(join(dir, 'bpftrace.deb'), 'B');
      const { log, target } = fakeCluster();
      let asked: unknown;
      await installNodePackages(target, ['bpftrace'], {
        resolve: async (packages, node) => {
          asked = { packages, node };
          return { dir, files: ['bpftrace.deb'] };
        },
      });
      assert.deepEqual(asked, { packages: ['bpftrace'], node: NODE });
      assert.deepEqual(log, [
        'c-control-plane: cat -- /etc/os-release',
        'c-control-plane: cat -- /var/lib/dpkg/status',
        'c-control-plane: copy /var/cache/cks-lab/node-packages/bpftrace.deb (B)',
        'c-control-plane: dpkg --install -- /var/cache/cks-lab/node-packages/bpftrace.deb',
        'c-control-plane: rm -rf -- /var/cache/cks-lab/node-packages',
        'c-worker: copy /var/cache/cks-lab/node-packages/bpftrace.deb (B)',
        'c-worker: dpkg --install -- /var/cache/cks-lab/node-packages/bpftrace.deb',
        'c-worker: rm -rf -- /var/cache/cks-lab/node-packages',
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('a dpkg failure names the node and the error', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cks-debs-'));
    try {
      await writeFile(join(dir, 'bpftrace.deb'), 'B');
      const { target } = fakeCluster(1);
      await assert.rejects(
        installNodePackages(target, ['bpftrace'], {
          resolve: async () => ({ dir, files: ['bpftrace.deb'] }),
        }),
        /on c-control-plane \(exit 1\): dpkg: error processing package bpftrace/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('nothing to install reads nothing', async () => {
    const { log, target } = fakeCluster();
    assert.equal(await installNodePackages(target, []), undefined);
    assert.deepEqual(log, []);
  });
});
