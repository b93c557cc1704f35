// Issue 8 item 6 on one real 2-node cluster: from the node (the learner's root shell) and from a pod, the cloud
// metadata address, an outside address and this host's own port answer while the lab firewall does not apply to
// the lab's bridge, and none of them answers with it in place; traffic inside the lab (pod to pod across nodes,
// DNS, the API server, ssh node01), the grader from the host and image load keep working. Needs root (it builds
// the outside world as a network namespace and adds a firewall bypass for its own bridge only). Prints FIGURE lines.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CoreV1Api, type KubeConfig, type V1Pod } from '@kubernetes/client-node';
import { PROBE_IMAGE } from '../../infra/host/privileged-probe.js';
import { Deadline } from '../../server/clusters/kind/deadline.js';
import { networkGateway } from '../../server/clusters/kind/docker.js';
import { CONTROL_PLANE_ALIAS, WORKER_ALIAS, networkName } from '../../server/clusters/kind/names.js';
import { watchUntil } from '../../server/clusters/kind/watch-until.js';
import type { ClusterNode } from '../../server/clusters/types.js';
import { run } from '../../server/exec/run.js';
import {
  containerIptables,
  hostIptables,
  labBridgeName,
  readLabFirewall,
} from '../../server/host-firewall/index.js';
import {
  METADATA_IP,
  OUTSIDE_IP,
  TARGET_MARK,
  startEgressTargets,
  type EgressTargets,
} from './egress-targets.js';
import { busyboxPod, clusterTier, figure, loadKubeConfig, runPod, uniqueClusterName } from './support.js';

const tier = await clusterTier();
const notRoot =
  tier && process.getuid?.() !== 0 ? 'the egress test must run as root (ip netns, iptables)' : '';
if (notRoot && process.env.CKS_LAB_REQUIRE_CLUSTER === '1')
  throw new Error(`cluster tier required but ${notRoot}`);
if (notRoot) process.stdout.write(`SKIPPED lab egress: ${notRoot}\n`);

interface Target {
  what: string;
  url: string;
}

/** Whether each target answered with TARGET_MARK, keyed by what it stands for (so a failed assert reads well). */
type Answers = Record<string, boolean>;

const all = (targets: readonly Target[], answered: boolean): Answers =>
  Object.fromEntries(targets.map((target) => [target.what, answered]));

describe('lab network egress controls', { skip: tier && !notRoot ? false : 'not available' }, () => {
  const name = uniqueClusterName('eg');
  const bridge = labBridgeName(name);
  let outside: EgressTargets;
  let kubeConfig: KubeConfig;
  let controlPlane: ClusterNode;
  let worker: ClusterNode;
  let targets: Target[];

  before(async () => {
    outside = await startEgressTargets();
    let firewallMs = Number.NaN;
    const started = Date.now();
    const cluster = await tier!.provider.create(name, {
      nodes: 2,
      image: tier!.image,
      timeoutMs: 15 * 60_000,
      progress: (event) => {
        if (event.kind === 'end' && event.step === 'lab firewall') firewallMs = event.durationMs;
      },
    });
    figure('create_2_nodes_seconds', ((Date.now() - started) / 1000).toFixed(1));
    figure('lab_firewall_step_ms', firewallMs);
    [controlPlane, worker] = cluster.nodes as [ClusterNode, ClusterNode];
    kubeConfig = loadKubeConfig(await tier!.provider.kubeconfig(name));
    const gateway = await networkGateway(networkName(name));
    targets = [
      { what: `cloud metadata ${METADATA_IP}`, url: `http://${METADATA_IP}/latest/meta-data/` },
      { what: `outside address ${OUTSIDE_IP}`, url: `http://${OUTSIDE_IP}/` },
      {
        what: `this host's port on the lab gateway ${gateway}`,
        url: `http://${gateway}:${outside.hostPort}/`,
      },
      {
        what: `this host's port on another host address ${outside.hostVethIp}`,
        url: `http://${outside.hostVethIp}:${outside.hostPort}/`,
      },
    ];
  });

  after(async () => {
    const results = await Promise.allSettled([
      tier!.provider.delete(name), // also removes what a failed create left
      outside?.close(),
    ]);
    for (const result of results) if (result.status === 'rejected') throw result.reason;
  });

  /** curl from the node, as the learner's root shell would; REJECT makes a blocked one fail at once. */
  async function answersFromNode(node: ClusterNode): Promise<Answers> {
    const answers: Answers = {};
    for (const target of targets) {
      const probe = await tier!.provider.exec(name, node.name, ['curl', '-sS', '-m', '5', '--', target.url], {
        allowFailure: true,
        timeoutMs: 30_000,
      });
      answers[target.what] = probe.exitCode === 0 && probe.stdout === TARGET_MARK;
    }
    return answers;
  }

  /** busybox wget from a pod on the control-plane (its traffic leaves through the node, masqueraded). */
  async function answersFromPod(podName: string): Promise<Answers> {
    const script = targets
      .map(
        (target) =>
          `if out=$(timeout 5 wget -q -O - '${target.url}' 2>&1); then echo "ANSWER ${target.url} $out"; ` +
          `else echo "NOANSWER ${target.url} $out"; fi`,
      )
      .join('\n');
    const pod = busyboxPod(podName, script, { nodeName: CONTROL_PLANE_ALIAS });
    const { log } = await runPod(kubeConfig, pod);
    const lines = log.split('\n');
    return Object.fromEntries(
      targets.map((target) => [target.what, lines.includes(`ANSWER ${target.url} ${TARGET_MARK}`)]),
    );
  }

  /** Lets this test's bridge past the lab firewall (and only it), the way a host without the firewall would. */
  async function withFirewallBypassed<T>(body: () => Promise<T>): Promise<T> {
    const rules = [
      ['DOCKER-USER', 'RETURN'],
      ['INPUT', 'ACCEPT'],
    ].map(([chain, verdict]) => ({
      chain: chain!,
      spec: ['-i', bridge, '-m', 'comment', '--comment', `cks-lab test bypass ${name}`, '-j', verdict!],
    }));
    const added: typeof rules = [];
    try {
      for (const rule of rules) {
        await run(['iptables', '-w', '-I', rule.chain, '1', ...rule.spec]);
        added.push(rule);
      }
      return await body();
    } finally {
      for (const rule of added) await run(['iptables', '-w', '-D', rule.chain, ...rule.spec]);
    }
  }

  test("the lab's network is on a bridge the firewall matches", async () => {
    const option = await run([
      'docker',
      'network',
      'inspect',
      '--format',
      '{{index .Options "com.docker.network.bridge.name"}}',
      '--',
      networkName(name),
    ]);
    assert.equal(option.stdout.trim(), bridge);
    const link = await run(['ip', '-o', 'link', 'show', 'dev', bridge]);
    assert.match(link.stdout, new RegExp(`^\\d+: ${bridge}:`));
  });

  test('without the firewall on its bridge, the lab reaches metadata, the outside and this host', async () => {
    // the targets work from the host itself (no lab traffic involved)
    for (const url of [`http://${METADATA_IP}/`, `http://${OUTSIDE_IP}/`]) {
      assert.equal(await (await fetch(url)).text(), TARGET_MARK, url);
    }
    await withFirewallBypassed(async () => {
      assert.deepEqual(
        await answersFromNode(controlPlane),
        all(targets, true),
        'from the control-plane node',
      );
      assert.deepEqual(await answersFromNode(worker), all(targets, true), 'from the worker node');
      assert.deepEqual(await answersFromPod('egress-probe-open'), all(targets, true), 'from a pod');
    });
  });

  test('with the firewall in place, none of them answers the node or a pod', async () => {
    for (const plan of await readLabFirewall(hostIptables())) {
      assert.ok(plan.inPlace, `${plan.family}: ${plan.differences.join('; ')}`);
    }
    assert.deepEqual(await answersFromNode(controlPlane), all(targets, false), 'from the control-plane node');
    assert.deepEqual(await answersFromNode(worker), all(targets, false), 'from the worker node');
    assert.deepEqual(await answersFromPod('egress-probe-closed'), all(targets, false), 'from a pod');
  });

  test('inside the lab everything still flows: pod to pod across nodes, DNS, API, ssh node01', async () => {
    const api = kubeConfig.makeApiClient(CoreV1Api);
    const server: V1Pod = {
      ...busyboxPod(
        'in-lab-server',
        'mkdir -p /www && echo in-lab-ok > /www/index.html && exec httpd -f -p 8080 -h /www',
        {
          nodeName: WORKER_ALIAS,
        },
      ),
    };
    server.spec!.containers[0]!.readinessProbe = { tcpSocket: { port: 8080 }, periodSeconds: 1 };
    await api.createNamespacedPod({ namespace: 'default', body: server });
    const fieldSelector = 'metadata.name=in-lab-server';
    const [ready] = await watchUntil<V1Pod>({
      kubeConfig,
      path: '/api/v1/namespaces/default/pods',
      query: { fieldSelector },
      list: () => api.listNamespacedPod({ namespace: 'default', fieldSelector }),
      satisfied: (pods) =>
        pods.some((pod) => pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')),
      describe: (pods) => pods.map((pod) => JSON.stringify(pod.status?.conditions ?? [])).join('; '),
      what: 'the in-lab server pod to be Ready',
      deadline: Deadline.in(180_000),
    });
    const serverIp = ready?.status?.podIP;
    assert.ok(serverIp, 'the server pod has an IP');
    const serviceIp = (await api.readNamespacedService({ name: 'kubernetes', namespace: 'default' })).spec
      ?.clusterIP;

    const client = busyboxPod(
      'in-lab-client',
      [
        `echo "POD $(timeout 5 wget -q -O - http://${serverIp}:8080/ 2>&1)"`,
        `echo "DNS $(nslookup kubernetes.default.svc.cluster.local 2>&1 | tr '\\n' ' ')"`,
        `echo "API $(timeout 5 wget -q -O - --no-check-certificate https://kubernetes.default.svc/healthz 2>&1)"`,
      ].join('\n'),
      { nodeName: CONTROL_PLANE_ALIAS },
    );
    const { log } = await runPod(kubeConfig, client);
    assert.match(log, /^POD in-lab-ok$/m, `pod to pod (control-plane to worker):\n${log}`);
    assert.match(
      log,
      new RegExp(`^DNS .*Address:? ${serviceIp?.replace(/\./g, '\\.')}`, 'm'),
      `DNS:\n${log}`,
    );
    assert.match(log, /^API ok$/m, `the API server through its service:\n${log}`);

    const hop = await tier!.provider.exec(name, controlPlane.name, ['ssh', 'node01', 'hostname'], {
      timeoutMs: 60_000,
    });
    assert.equal(hop.stdout.trim(), WORKER_ALIAS, 'ssh node01 lands on the worker');
  });

  test('the grader reaches the API from this host and images still load into the nodes', async () => {
    const nodes = await kubeConfig.makeApiClient(CoreV1Api).listNode();
    assert.deepEqual(
      nodes.items.map((node) => node.metadata?.name).sort(),
      [CONTROL_PLANE_ALIAS, WORKER_ALIAS].sort(),
    );
    await tier!.provider.loadImages(name, [PROBE_IMAGE]);
    for (const node of [controlPlane, worker]) {
      const images = await tier!.provider.exec(name, node.name, [
        'ctr',
        '-n',
        'k8s.io',
        'images',
        'ls',
        '-q',
      ]);
      assert.ok(
        images.stdout.split('\n').some((ref) => ref.endsWith(PROBE_IMAGE)),
        `${PROBE_IMAGE} on ${node.name}`,
      );
    }
  });

  test('without root, iptables in a helper container sees the same firewall as the host', async () => {
    const started = Date.now();
    const throughDocker = await readLabFirewall(await containerIptables(tier!.image));
    figure('lab_firewall_check_via_container_ms', Date.now() - started);
    const onHost = await readLabFirewall(hostIptables());
    assert.deepEqual(
      throughDocker.map((plan) => [plan.family, plan.inPlace]),
      onHost.map((plan) => [plan.family, plan.inPlace]),
    );
    assert.ok(onHost.every((plan) => plan.inPlace));
  });
});
