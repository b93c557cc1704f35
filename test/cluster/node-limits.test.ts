// Issue 7 item 3 on two real 1-node clusters A and B: the node containers carry the limits (in Docker's record and
// in the kernel's cgroup files); a fork bomb in A runs into A's pids limit while B's exec (the terminal's path)
// and B's API (what Check uses) keep answering; A recovers once the bomb is killed; a memory hog pod in A is
// held at A's memory limit while B keeps answering, and A answers again once it is gone. Prints FIGURE lines.
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import { localHost } from '../../server/capacity/host.js';
import { readNodeLimits } from '../../server/capacity/limits.js';
import { Deadline, pollUntil } from '../../server/clusters/kind/deadline.js';
import { memoryUsage } from '../../server/clusters/kind/docker.js';
import { run } from '../../server/exec/run.js';
import { pathExists } from '../../server/files/missing-ok.js';
import { busyboxPod, clusterTier, figure, loadKubeConfig, uniqueClusterName } from './support.js';

const tier = await clusterTier();
const MIB = 1024 ** 2;
/** The control-plane's limits as the provider applied them (same environment, same host). */
const limits = readNodeLimits(process.env, localHost())['control-plane'];
/**
 * The longest the bomb may run before `timeout` kills its whole process group; the test ends it from the host as
 * soon as B is measured (on a loaded CI machine B's measurements alone took ~40 s).
 */
const BOMB_SECONDS = 120;
const BOMB_SCRIPT = 'exec 2>/dev/null; bomb() { bomb | bomb & }; bomb; exec sleep infinity';
/** Reads zeros into one ever-growing line; each time the kernel kills it at the node's limit, it starts again. */
const HOG_LOOP = 'while :; do tail /dev/zero; done';
/**
 * The most one exec or API call of lab B may take while A is bombing: a starved lab does not answer at all, while
 * on a busy 2-core CI host single `docker exec` calls took 0.75 s p95 before the bomb and up to 4.1 s during it.
 */
const ANSWER_WITHIN_MS = 10_000;

/** Where the kernel keeps a node container's cgroup files, for cgroup v1 (per controller) or v2 (one tree). */
type Controller = 'pids' | 'memory' | 'cpu' | 'cpuacct';
interface NodeCgroup {
  version: 1 | 2;
  file(controller: Controller, name: string): string;
}

/** Finds the container's cgroup under Docker's cgroupfs or systemd layout; fails naming the places it looked. */
async function nodeCgroup(container: string): Promise<NodeCgroup> {
  const id = (await run(['docker', 'inspect', '--format', '{{.Id}}', '--', container])).stdout.trim();
  const leaves = [`docker/${id}`, `system.slice/docker-${id}.scope`];
  for (const leaf of leaves) {
    if (await pathExists(`/sys/fs/cgroup/pids/${leaf}`)) {
      return { version: 1, file: (controller, name) => `/sys/fs/cgroup/${controller}/${leaf}/${name}` };
    }
    if (await pathExists(`/sys/fs/cgroup/${leaf}/cgroup.controllers`)) {
      return { version: 2, file: (_controller, name) => `/sys/fs/cgroup/${leaf}/${name}` };
    }
  }
  throw new Error(`no cgroup of ${container} found under /sys/fs/cgroup (looked for ${leaves.join(', ')})`);
}

async function readCgroup(cgroup: NodeCgroup, controller: Controller, name: string) {
  return (await readFile(cgroup.file(controller, name), 'utf8')).trim();
}

/** CPU time the cgroup has used so far, in seconds. */
async function cpuSeconds(cgroup: NodeCgroup): Promise<number> {
  if (cgroup.version === 1) return Number(await readCgroup(cgroup, 'cpuacct', 'cpuacct.usage')) / 1e9;
  const usage = /^usage_usec (\d+)$/m.exec(await readCgroup(cgroup, 'cpu', 'cpu.stat'));
  if (!usage) throw new Error('no usage_usec in cpu.stat');
  return Number(usage[1]) / 1e6;
}

/** Times of n exec echo calls into a node, one after another; each must answer "ok" within ANSWER_WITHIN_MS. */
async function echoLatencies(cluster: string, node: string, n: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = Date.now();
    const result = await tier!.provider.exec(cluster, node, ['echo', 'ok'], { timeoutMs: ANSWER_WITHIN_MS });
    times.push(Date.now() - started);
    assert.equal(result.stdout.trim(), 'ok');
  }
  return times;
}

function p95(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)]!;
}

/**
 * Lists nodes the way Check reaches a cluster (its API from this host); fails after ms. Every lab's node is
 * `controlplane` in Kubernetes, so each is told apart by the provider ID kind gives it (it names the container).
 */
async function listNodesWithin(kubeConfig: KubeConfig, ms: number): Promise<{ names: string[]; ms: number }> {
  const started = Date.now();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ms);
  try {
    const listed = await Promise.race([
      kubeConfig.makeApiClient(CoreV1Api).listNode(),
      new Promise<never>((_, reject) =>
        controller.signal.addEventListener('abort', () => reject(new Error(`no answer within ${ms} ms`))),
      ),
    ]);
    const containers = listed.items.map((node) => node.spec?.providerID?.split('/').pop() ?? '?');
    return { names: containers, ms: Date.now() - started };
  } finally {
    clearTimeout(timer);
  }
}

describe('node resource limits', { skip: tier ? false : 'cluster tier unavailable' }, () => {
  const nameA = uniqueClusterName('la');
  const nameB = uniqueClusterName('lb');
  const nodeA = `${nameA}-control-plane`;
  const nodeB = `${nameB}-control-plane`;
  let kubeConfigA: KubeConfig;
  let kubeConfigB: KubeConfig;
  let cgroupA: NodeCgroup;

  before(async () => {
    // both at once, as two learners starting together; each attempt finishes before `after` removes leftovers
    const created = await Promise.allSettled(
      [nameA, nameB].map((name) =>
        tier!.provider.create(name, { nodes: 1, image: tier!.image, timeoutMs: 15 * 60_000 }),
      ),
    );
    for (const result of created) if (result.status === 'rejected') throw result.reason;
    kubeConfigA = loadKubeConfig(await tier!.provider.kubeconfig(nameA));
    kubeConfigB = loadKubeConfig(await tier!.provider.kubeconfig(nameB));
    cgroupA = await nodeCgroup(nodeA);
  });

  after(async () => {
    const deleted = await Promise.allSettled([nameA, nameB].map((name) => tier?.provider.delete(name)));
    for (const result of deleted) if (result.status === 'rejected') throw result.reason;
  });

  test('each node container carries the limits, in Docker and in its cgroup', async () => {
    assert.ok(limits.memoryBytes && limits.cpus && limits.pids, 'this test needs every limit on');
    for (const node of [nodeA, nodeB]) {
      const inspected = await run([
        'docker',
        'inspect',
        '--format',
        '{{.HostConfig.Memory}} {{.HostConfig.MemorySwap}} {{.HostConfig.NanoCpus}} {{.HostConfig.PidsLimit}}',
        '--',
        node,
      ]);
      assert.equal(
        inspected.stdout.trim(),
        `${limits.memoryBytes} ${limits.memoryBytes} ${Math.round(limits.cpus * 1e9)} ${limits.pids}`,
        node,
      );
      const cgroup = await nodeCgroup(node);
      assert.equal(await readCgroup(cgroup, 'pids', 'pids.max'), String(limits.pids));
      if (cgroup.version === 1) {
        assert.equal(await readCgroup(cgroup, 'memory', 'memory.limit_in_bytes'), String(limits.memoryBytes));
        assert.equal(
          await readCgroup(cgroup, 'memory', 'memory.memsw.limit_in_bytes'),
          String(limits.memoryBytes),
        );
        const quota = Number(await readCgroup(cgroup, 'cpu', 'cpu.cfs_quota_us'));
        const period = Number(await readCgroup(cgroup, 'cpu', 'cpu.cfs_period_us'));
        assert.equal(quota / period, limits.cpus);
      } else {
        assert.equal(await readCgroup(cgroup, 'memory', 'memory.max'), String(limits.memoryBytes));
        assert.equal(await readCgroup(cgroup, 'memory', 'memory.swap.max'), '0');
        const [quota, period] = (await readCgroup(cgroup, 'cpu', 'cpu.max')).split(' ').map(Number);
        assert.equal(quota! / period!, limits.cpus);
      }
      const tasks = Number(await readCgroup(cgroup, 'pids', 'pids.current'));
      figure(`idle_tasks_${node.startsWith(nameA) ? 'a' : 'b'}`, tasks);
      assert.ok(
        tasks < limits.pids / 4,
        `${node} idles at ${tasks} tasks: too close to its ${limits.pids} limit`,
      );
    }
    const usage = await memoryUsage([nodeA, nodeB]);
    figure('idle_memory_mib_a', ((usage.get(nodeA) ?? NaN) / MIB).toFixed(0));
  });

  test("a fork bomb in lab A hits A's pids limit; lab B's exec and API keep answering", async () => {
    const baseline = await echoLatencies(nameB, nodeB, 10);
    figure('echo_b_p95_ms_before_bomb', p95(baseline));
    const failedForksBefore = await failedForks(cgroupA);

    // `timeout` leads its own process group and kills all of it at the end, the bomb's orphans included; bash
    // execs into sleep so `timeout` has a child to wait for; retry messages go nowhere (tmpfs would be memory)
    const bomb = tier!.provider.exec(
      nameA,
      nodeA,
      ['timeout', '-s', 'KILL', String(BOMB_SECONDS), 'bash', '-c', BOMB_SCRIPT],
      { allowFailure: true, timeoutMs: (BOMB_SECONDS + 60) * 1000 },
    );
    try {
      const started = Date.now();
      const peak = await pollUntil(
        `lab A's tasks to reach its pids limit of ${limits.pids}`,
        Deadline.in(20_000),
        async () => {
          const current = Number(await readCgroup(cgroupA, 'pids', 'pids.current'));
          if (current < limits.pids! * 0.95) throw new Error(`${current} tasks`);
          return current;
        },
        200,
      );
      figure('bomb_seconds_to_pids_limit', ((Date.now() - started) / 1000).toFixed(1));
      figure('bomb_tasks_a', peak);
      const cpuBefore = await cpuSeconds(cgroupA);
      const windowStarted = Date.now();

      const during = await echoLatencies(nameB, nodeB, 20);
      figure('echo_b_p95_ms_during_bomb', p95(during));
      figure('echo_b_max_ms_during_bomb', Math.max(...during));
      const listed = await listNodesWithin(kubeConfigB, ANSWER_WITHIN_MS);
      figure('list_nodes_b_ms_during_bomb', listed.ms);
      assert.deepEqual(listed.names, [nodeB]);

      // the measurements above overlapped the bomb: A is still at its limit, and the kernel refused forks
      const still = Number(await readCgroup(cgroupA, 'pids', 'pids.current'));
      assert.ok(still >= limits.pids! * 0.95, `the bomb ended before B was measured (${still} tasks in A)`);
      assert.ok(still <= limits.pids!, `A has ${still} tasks, above its limit of ${limits.pids}`);
      const refused = (await failedForks(cgroupA)) - failedForksBefore;
      figure('bomb_forks_refused_a', refused);
      assert.ok(refused > 0, 'the kernel refused no fork in A');
      const cpus = ((await cpuSeconds(cgroupA)) - cpuBefore) / ((Date.now() - windowStarted) / 1000);
      figure('bomb_cpus_used_a', cpus.toFixed(2));
      assert.ok(
        cpus <= limits.cpus! * 1.1,
        `A used ${cpus.toFixed(2)} CPUs, above its limit of ${limits.cpus}`,
      );
    } finally {
      // SIGKILL to the process group `timeout` leads, from the host (A has no pids left for a command): the bomb
      // outlives a TERM, as each bash that was retrying a fork carries on once another exits
      const timeoutCmdline = ['timeout', '-s', 'KILL', String(BOMB_SECONDS), 'bash', '-c', BOMB_SCRIPT].join(
        '\0',
      );
      assert.equal(await killFromHost(cgroupA, timeoutCmdline, { group: true }), 1, 'found the bomb');
      await bomb;
    }
  });

  test('lab A recovers once the bomb is killed', async () => {
    const started = Date.now();
    const deadline = Deadline.in(120_000);
    await pollUntil(
      "the bomb's tasks to be gone from lab A",
      deadline,
      async () => {
        const current = Number(await readCgroup(cgroupA, 'pids', 'pids.current'));
        if (current > limits.pids! / 4) throw new Error(`${current} tasks`);
      },
      500,
    );
    const listed = await pollUntil("lab A's API server to answer", deadline, () =>
      listNodesWithin(kubeConfigA, ANSWER_WITHIN_MS),
    );
    assert.deepEqual(listed.names, [nodeA]);
    await echoLatencies(nameA, nodeA, 3);
    figure('bomb_recovery_seconds_a', ((Date.now() - started) / 1000).toFixed(1));
  });

  // A node that reaches its memory limit first squeezes its own page cache (the API server's and etcd's binaries)
  // before the kernel kills the hog, which on 2 busy cores can take minutes, or seconds on an idle host: what must
  // hold is that the node stays within its limit and that lab B does not notice. The hog runs in a loop, so the
  // pressure lasts while B is measured, and reaching the limit is read from the cgroup's peak: sampling the current
  // usage missed a hog the kernel killed 2 s after it started. The loop and the hog are then killed from the host.
  test("a memory hog pod in lab A is held at A's memory limit while lab B keeps answering", async () => {
    const api = kubeConfigA.makeApiClient(CoreV1Api);
    await api.createNamespacedPod({
      namespace: 'default',
      body: busyboxPod('memory-hog', HOG_LOOP),
    });
    const deadline = Deadline.in(180_000);
    await pollUntil("lab A's memory to reach its limit", deadline, async () => {
      const peak = await peakMemoryBytes(cgroupA);
      if (peak < limits.memoryBytes! * 0.9) {
        const used = await memoryUsageBytes(cgroupA);
        throw new Error(`${(used / MIB).toFixed(0)} MiB in use, peak ${(peak / MIB).toFixed(0)} MiB`);
      }
    });
    const echoB = await echoLatencies(nameB, nodeB, 10);
    const listedB = await listNodesWithin(kubeConfigB, ANSWER_WITHIN_MS);
    figure('echo_b_p95_ms_during_hog', p95(echoB));
    figure('list_nodes_b_ms_during_hog', listedB.ms);
    assert.deepEqual(listedB.names, [nodeB]);
    const peak = await peakMemoryBytes(cgroupA);
    figure('memory_peak_mib_a', (peak / MIB).toFixed(0));
    // the kernel charges memory in per-CPU batches, so the recorded peak may pass the limit by a few pages
    const slack = 1 * MIB;
    assert.ok(
      peak <= limits.memoryBytes! + slack,
      `A used ${peak} bytes, more than its limit ${limits.memoryBytes} (+${slack} for the kernel's batches)`,
    );

    // the loop first, or it starts another hog
    const killed =
      (await killFromHost(cgroupA, `sh\0-c\0${HOG_LOOP}`)) + (await killFromHost(cgroupA, 'tail\0/dev/zero'));
    figure('memory_hog_processes_killed', killed);
    const recovered = Date.now();
    const listed = await pollUntil("lab A's API server to answer again", deadline, () =>
      listNodesWithin(kubeConfigA, ANSWER_WITHIN_MS),
    );
    figure('memory_hog_recovery_seconds_a', ((Date.now() - recovered) / 1000).toFixed(1));
    assert.deepEqual(listed.names, [nodeA]);
  });
});

/** Memory the node's cgroup uses now (cgroup v1 usage_in_bytes, v2 memory.current). */
async function memoryUsageBytes(cgroup: NodeCgroup): Promise<number> {
  return Number(
    await readCgroup(cgroup, 'memory', cgroup.version === 1 ? 'memory.usage_in_bytes' : 'memory.current'),
  );
}

/** The most the node's cgroup ever used (v1 max_usage_in_bytes, v2 memory.peak). */
async function peakMemoryBytes(cgroup: NodeCgroup): Promise<number> {
  return Number(
    await readCgroup(cgroup, 'memory', cgroup.version === 1 ? 'memory.max_usage_in_bytes' : 'memory.peak'),
  );
}

/**
 * Kills (SIGKILL, from the host: a thrashing or bombed node cannot be trusted to run a command) every process in
 * the node's cgroup tree whose command line is `cmdline`, or with `group` the process group each one leads;
 * returns how many matched.
 */
async function killFromHost(
  cgroup: NodeCgroup,
  cmdline: string,
  { group = false }: { group?: boolean } = {},
): Promise<number> {
  const root = cgroup.file('memory', '');
  const listing = await readdir(root, { recursive: true });
  const procFiles = [root, ...listing.map((entry) => `${root}/${entry}`)].filter((path) =>
    path.endsWith('cgroup.procs'),
  );
  let killed = 0;
  for (const file of procFiles) {
    for (const pid of (await readFile(file, 'utf8')).split('\n').filter(Boolean)) {
      const command = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
      if (command.replace(/\0$/, '') !== cmdline) continue;
      try {
        process.kill(group ? -Number(pid) : Number(pid), 'SIGKILL');
        killed += 1;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
      }
    }
  }
  return killed;
}

/** How often the kernel refused a fork in this cgroup because of pids.max (pids.events "max"). */
async function failedForks(cgroup: NodeCgroup): Promise<number> {
  const events = await readCgroup(cgroup, 'pids', 'pids.events');
  const match = /^max (\d+)$/m.exec(events);
  if (!match) throw new Error(`no "max" line in pids.events: ${events}`);
  return Number(match[1]);
}
