// Acceptance (b) and (c) of issue 2 on real kind clusters from the real node image: one 2-node cluster for every
// (b) check, one extra 1-node cluster for (c). Prints FIGURE lines (create times, idle memory) for the report.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CoreV1Api, NodeV1Api, type KubeConfig } from '@kubernetes/client-node';
import { run } from '../../server/exec/run.js';
import {
  KIND_CLUSTER_LABEL,
  containerIp,
  containersWithLabel,
  listVolumes,
  memoryUsage,
  networkExists,
  networkGateway,
  volumesOf,
} from '../../server/clusters/kind/docker.js';
import { networkName } from '../../server/clusters/kind/names.js';
import type { ClusterInfo } from '../../server/clusters/types.js';
import { busyboxPod, clusterTier, figure, loadKubeConfig, runPod, uniqueClusterName } from './support.js';

const tier = await clusterTier();
const MIB = 1024 * 1024;

async function createTimed(name: string, nodes: 1 | 2): Promise<ClusterInfo> {
  const started = Date.now();
  const info = await tier!.provider.create(name, { nodes, image: tier!.image, timeoutMs: 15 * 60_000 });
  figure(`create_${nodes}_node${nodes === 2 ? 's' : ''}_seconds`, ((Date.now() - started) / 1000).toFixed(1));
  const usage = await memoryUsage(info.nodes.map((node) => node.name));
  for (const node of info.nodes) {
    figure(
      `idle_memory_mib_${nodes}node_${node.role.replace('-', '_')}`,
      ((usage.get(node.name) ?? NaN) / MIB).toFixed(0),
    );
  }
  return info;
}

/** True when a TCP connection from inside the node to ip:port succeeds within 3 s (bash's /dev/tcp). */
async function canConnect(cluster: string, node: string, ip: string, port: number): Promise<boolean> {
  const probe = await tier!.provider.exec(
    cluster,
    node,
    ['timeout', '3', 'bash', '-c', 'exec 3<>"/dev/tcp/$0/$1"', ip, String(port)],
    { allowFailure: true, timeoutMs: 20_000 },
  );
  return probe.exitCode === 0;
}

function hostPort(kubeconfig: string): number {
  const match = /server: https:\/\/127\.0\.0\.1:(\d+)/.exec(kubeconfig);
  if (!match) throw new Error(`no 127.0.0.1 server in kubeconfig:\n${kubeconfig}`);
  return Number(match[1]);
}

describe('kind clusters from the node image', { skip: tier ? false : 'cluster tier unavailable' }, () => {
  const nameB = uniqueClusterName('b');
  const nameC = uniqueClusterName('c');
  let clusterB: ClusterInfo;
  let kubeConfigB: KubeConfig;
  const controlPlaneB = `${nameB}-control-plane`;
  const workerB = `${nameB}-worker`;

  before(async () => {
    clusterB = await createTimed(nameB, 2);
    kubeConfigB = loadKubeConfig(await tier!.provider.kubeconfig(nameB));
  });

  // a safety net when a test fails half-way; the last test checks that delete really cleans up
  after(async () => {
    await tier?.provider.delete(nameC);
    await tier?.provider.delete(nameB);
  });

  test('(b) both nodes are Ready', async () => {
    assert.deepEqual(
      clusterB.nodes.map((node) => node.role),
      ['control-plane', 'worker'],
    );
    const nodes = await kubeConfigB.makeApiClient(CoreV1Api).listNode();
    const ready = nodes.items.map((node) => [
      node.metadata?.name,
      node.status?.conditions?.find((c) => c.type === 'Ready')?.status,
    ]);
    // registered under the exam's names, not kind's container names
    assert.deepEqual(ready.sort(), [
      ['controlplane', 'True'],
      ['node01', 'True'],
    ]);
  });

  test("(b) a normal pod's dmesg does not mention gVisor", async () => {
    const normal = await runPod(kubeConfigB, busyboxPod('dmesg-runc', 'dmesg 2>&1; true'));
    assert.equal(normal.phase, 'Succeeded', normal.log);
    assert.doesNotMatch(normal.log, /gVisor/);
  });

  test('(b) a pod of RuntimeClass gvisor (handler runsc) runs under gVisor', async () => {
    await kubeConfigB.makeApiClient(NodeV1Api).createRuntimeClass({
      body: {
        apiVersion: 'node.k8s.io/v1',
        kind: 'RuntimeClass',
        metadata: { name: 'gvisor' },
        handler: 'runsc',
      },
    });
    const sandboxed = await runPod(
      kubeConfigB,
      busyboxPod('dmesg-gvisor', 'dmesg 2>&1; true', { runtimeClassName: 'gvisor' }),
    );
    assert.equal(sandboxed.phase, 'Succeeded', sandboxed.log);
    assert.match(sandboxed.log, /Starting gVisor/);
  });

  test('(b) a privileged pod runs (and really is privileged: it can mount)', async () => {
    const pod = busyboxPod('privileged', 'mkdir -p /cks-mnt && mount -t tmpfs none /cks-mnt && echo mounted');
    pod.spec!.containers[0]!.securityContext = { privileged: true };
    const result = await runPod(kubeConfigB, pod);
    assert.equal(result.phase, 'Succeeded', result.log);
    assert.match(result.log, /mounted/);
  });

  test("(b) kubectl get nodes works in the learner's login shell on the control-plane", async () => {
    const result = await tier!.provider.exec(
      nameB,
      controlPlaneB,
      ['bash', '-lc', 'kubectl get nodes --no-headers'],
      {
        timeoutMs: 60_000,
      },
    );
    assert.match(result.stdout, /^controlplane\s+Ready/m);
    assert.match(result.stdout, /^node01\s+Ready/m);
  });

  test('(b) the exam conventions: hostname controlplane, kubectl in a clean shell through /root/.kube/config, cluster "kubernetes"', async () => {
    // env -i: no KUBECONFIG and no login profile, as in a script or a fresh `ssh controlplane`
    const script =
      'hostname; kubectl config view -o jsonpath="{.clusters[*].name}"; echo; kubectl get node controlplane --no-headers';
    const result = await tier!.provider.exec(
      nameB,
      controlPlaneB,
      [
        'env',
        '-i',
        'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
        'HOME=/root',
        'bash',
        '-c',
        script,
      ],
      { timeoutMs: 60_000 },
    );
    const [hostname, clusters, node] = result.stdout.split('\n');
    assert.equal(hostname, 'controlplane');
    assert.equal(clusters, 'kubernetes');
    assert.match(node ?? '', /^controlplane\s+Ready/, result.stderr);
    const mode = await tier!.provider.exec(nameB, controlPlaneB, ['stat', '-c', '%a', '/root/.kube/config']);
    assert.equal(mode.stdout.trim(), '600', 'admin credentials readable by root only');
  });

  test('(b) ssh node01 and ssh <worker> from the control-plane reach the worker as root', async () => {
    for (const host of ['node01', workerB]) {
      const result = await tier!.provider.exec(
        nameB,
        controlPlaneB,
        ['bash', '-lc', `ssh ${host} 'hostname; id -u'`],
        {
          timeoutMs: 60_000,
        },
      );
      assert.equal(result.stdout.trim(), 'node01\n0');
    }
  });

  test('(b) ssh controlplane reaches the control-plane as root from the worker and from itself', async () => {
    for (const from of [workerB, controlPlaneB]) {
      const result = await tier!.provider.exec(
        nameB,
        from,
        ['bash', '-lc', "ssh controlplane 'hostname; id -u'"],
        {
          timeoutMs: 60_000,
        },
      );
      assert.equal(result.stdout.trim(), 'controlplane\n0', `from ${from}: ${result.stderr}`);
    }
  });

  test('exam host names resolve on both nodes', async () => {
    for (const node of [controlPlaneB, workerB]) {
      const result = await tier!.provider.exec(nameB, node, ['getent', 'hosts', 'controlplane', 'node01']);
      assert.match(result.stdout, /\scontrolplane\b/);
      assert.match(result.stdout, /\snode01\b/);
    }
  });

  test('copyToNode writes a file with its mode; exec passes stdin and the exit code', async () => {
    await tier!.provider.copyToNode(nameB, workerB, 'hello\n', '/root/cks-test/dir/file.txt', 0o640);
    const stat = await tier!.provider.exec(nameB, workerB, [
      'stat',
      '-c',
      '%a %s',
      '/root/cks-test/dir/file.txt',
    ]);
    assert.equal(stat.stdout.trim(), '640 6');
    const echo = await tier!.provider.exec(nameB, workerB, ['cat'], { input: 'through stdin' });
    assert.equal(echo.stdout, 'through stdin');
    const failing = await tier!.provider.exec(nameB, workerB, ['sh', '-c', 'exit 7'], { allowFailure: true });
    assert.equal(failing.exitCode, 7);
  });

  test('loadImages puts a host image into every node, pinned', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cks-test-image-'));
    const image = `cks-lab-test/tiny:${Date.now()}`;
    try {
      await writeFile(join(dir, 'marker'), 'tiny\n');
      await run(['tar', '-C', dir, '-cf', join(dir, 'rootfs.tar'), 'marker']);
      await run(['docker', 'import', join(dir, 'rootfs.tar'), image]);
      await tier!.provider.loadImages(nameB, [image]);
      for (const node of [controlPlaneB, workerB]) {
        const listed = await tier!.provider.exec(nameB, node, [
          'ctr',
          '-n',
          'k8s.io',
          'images',
          'ls',
          `name==docker.io/${image}`,
        ]);
        assert.match(listed.stdout, /io\.cri-containerd\.pinned=pinned/, `${node}: ${listed.stdout}`);
      }
    } finally {
      await run(['docker', 'image', 'rm', image], { allowFailure: true });
      await rm(dir, { recursive: true, force: true });
    }
  });

  describe('(c) a second cluster at the same time', () => {
    const controlPlaneC = `${nameC}-control-plane`;

    before(async () => {
      await createTimed(nameC, 1);
    });

    test('both clusters answer', async () => {
      const kubeConfigC = loadKubeConfig(await tier!.provider.kubeconfig(nameC));
      const nodesC = await kubeConfigC.makeApiClient(CoreV1Api).listNode();
      // every lab's node is `controlplane`; kind's provider ID names the container, so C's answer is C's
      assert.deepEqual(
        nodesC.items.map((node) => [node.metadata?.name, node.spec?.providerID]),
        [['controlplane', `kind://docker/${nameC}/${controlPlaneC}`]],
      );
      const nodesB = await kubeConfigB.makeApiClient(CoreV1Api).listNode();
      assert.equal(nodesB.items.length, 2);
      assert.deepEqual(
        (await tier!.provider.list()).filter((name) => [nameB, nameC].includes(name)).sort(),
        [nameB, nameC].sort(),
      );
    });

    test('the two clusters share no CA, front-proxy CA, service-account key, etcd CA or bootstrap token', async () => {
      const secretsOf = async (cluster: string, node: string) => {
        const read = async (path: string) =>
          (await tier!.provider.exec(cluster, node, ['cat', path], { timeoutMs: 30_000 })).stdout.trim();
        const tokens = await tier!.provider.exec(
          cluster,
          node,
          [
            'kubeadm',
            'token',
            'list',
            '--kubeconfig',
            '/etc/kubernetes/admin.conf',
            '-o',
            'jsonpath={.token}{"\\n"}',
          ],
          { timeoutMs: 30_000 },
        );
        return {
          ca: await read('/etc/kubernetes/pki/ca.key'),
          frontProxyCa: await read('/etc/kubernetes/pki/front-proxy-ca.key'),
          serviceAccountKey: await read('/etc/kubernetes/pki/sa.key'),
          etcdCa: await read('/etc/kubernetes/pki/etcd/ca.key'),
          bootstrapTokens: tokens.stdout.split('\n').filter(Boolean).sort().join(','),
        };
      };
      const b = await secretsOf(nameB, controlPlaneB);
      const c = await secretsOf(nameC, controlPlaneC);
      for (const key of Object.keys(b) as (keyof typeof b)[]) {
        assert.ok(b[key] && c[key], `${key} is present in both clusters`);
        assert.notEqual(b[key], c[key], `${nameB} and ${nameC} share their ${key}`);
      }
      // kind's built-in token is the same in every cluster it makes; ours must never be it
      for (const tokens of [b.bootstrapTokens, c.bootstrapTokens]) {
        assert.doesNotMatch(tokens, /abcdef\.0123456789abcdef/);
      }
    });

    test("neither cluster's node can reach the other's API server", async () => {
      const b = { name: nameB, node: controlPlaneB };
      const c = { name: nameC, node: controlPlaneC };
      const directions: [typeof b, typeof b][] = [
        [b, c],
        [c, b],
      ];
      for (const [from, to] of directions) {
        const ownIp = await containerIp(from.node, networkName(from.name));
        // the probe itself works: a node reaches its own API server
        assert.ok(
          await canConnect(from.name, from.node, ownIp, 6443),
          `${from.node} cannot reach its own API server`,
        );
        const otherIp = await containerIp(to.node, networkName(to.name));
        const otherPort = hostPort(await tier!.provider.kubeconfig(to.name));
        const targets: [string, number][] = [
          [otherIp, 6443],
          [await networkGateway(networkName(from.name)), otherPort],
          [await networkGateway(networkName(to.name)), otherPort],
        ];
        for (const [ip, port] of targets) {
          assert.equal(
            await canConnect(from.name, from.node, ip, port),
            false,
            `${from.node} reached ${to.name}'s API server at ${ip}:${port}`,
          );
        }
      }
    });
  });

  test('(b) delete leaves no container, network or volume behind', async () => {
    for (const name of [nameB, nameC]) {
      const containers = await containersWithLabel(KIND_CLUSTER_LABEL, name);
      const volumes = await volumesOf(containers);
      assert.ok(containers.length > 0 && volumes.length > 0, `${name} had containers and volumes to remove`);
      const started = Date.now();
      await tier!.provider.delete(name);
      figure(
        `delete_${name.startsWith('cks-tb') ? 2 : 1}_node_seconds`,
        ((Date.now() - started) / 1000).toFixed(1),
      );
      assert.deepEqual(await containersWithLabel(KIND_CLUSTER_LABEL, name), []);
      assert.equal(await networkExists(networkName(name)), false);
      const remaining = new Set(await listVolumes());
      assert.deepEqual(
        volumes.filter((volume) => remaining.has(volume)),
        [],
      );
      assert.ok(!(await tier!.provider.list()).includes(name));
    }
  });
});
