import { CoreV1Api, type KubeConfig, type V1Node, type V1Pod } from '@kubernetes/client-node';
import type { Deadline } from './deadline.js';
import { watchUntil } from './watch-until.js';

function readyCondition(
  conditions: { type: string; status: string; reason?: string; message?: string }[] | undefined,
) {
  return conditions?.find((condition) => condition.type === 'Ready');
}

export function nodeIsReady(node: V1Node): boolean {
  return readyCondition(node.status?.conditions)?.status === 'True';
}

/** "n1: Ready=False (KubeletNotReady: container runtime network not ready)" for each node not Ready yet. */
export function describeNodes(nodes: readonly V1Node[], expected: number): string {
  const problems = nodes
    .filter((node) => !nodeIsReady(node))
    .map((node) => {
      const ready = readyCondition(node.status?.conditions);
      const why = ready ? ` (${[ready.reason, ready.message].filter(Boolean).join(': ')})` : '';
      return `${node.metadata?.name ?? '?'}: Ready=${ready?.status ?? 'unknown'}${why}`;
    });
  if (nodes.length < expected) problems.unshift(`${nodes.length} of ${expected} nodes registered`);
  return problems.join('; ') || 'all nodes Ready';
}

/** Pods not being deleted; a fresh cluster's CoreDNS pods are all expected to become Ready. */
function livePods(pods: readonly V1Pod[]): V1Pod[] {
  return pods.filter((pod) => !pod.metadata?.deletionTimestamp);
}

export function podIsReady(pod: V1Pod): boolean {
  return readyCondition(pod.status?.conditions)?.status === 'True';
}

export function describePods(pods: readonly V1Pod[]): string {
  const live = livePods(pods);
  if (!live.length) return 'no pods yet';
  const waiting = live.filter((pod) => !podIsReady(pod));
  return (
    waiting
      .map((pod) => {
        const state = pod.status?.containerStatuses?.[0]?.state;
        const reason = state?.waiting?.reason ?? state?.terminated?.reason ?? pod.status?.reason;
        return `${pod.metadata?.name ?? '?'}: ${pod.status?.phase ?? 'Unknown'}${reason ? ` (${reason})` : ''}`;
      })
      .join('; ') || 'all pods Ready'
  );
}

/** Waits until `expected` nodes are registered and every one reports Ready. */
export async function waitForNodesReady(
  kubeConfig: KubeConfig,
  expected: number,
  deadline: Deadline,
): Promise<void> {
  const api = kubeConfig.makeApiClient(CoreV1Api);
  await watchUntil<V1Node>({
    kubeConfig,
    path: '/api/v1/nodes',
    list: () => api.listNode(),
    satisfied: (nodes) => nodes.length >= expected && nodes.every(nodeIsReady),
    describe: (nodes) => describeNodes(nodes, expected),
    what: `${expected} node(s) to be Ready`,
    deadline,
  });
}

const COREDNS_SELECTOR = 'k8s-app=kube-dns';

/**
 * Waits until a CoreDNS pod is Ready: the kube-dns Service answers from then on. Not all of them: the second replica
 * often fails its first readiness probe while the plugins load and is then only probed again 10 s later.
 */
export async function waitForCoreDnsReady(kubeConfig: KubeConfig, deadline: Deadline): Promise<void> {
  await waitForKubeSystemPods(
    kubeConfig,
    COREDNS_SELECTOR,
    (pods) => livePods(pods).some(podIsReady),
    'a CoreDNS pod to be Ready',
    deadline,
  );
}

/** The DaemonSets every node runs before a lab behaves: kube-proxy, the pod network, the NetworkPolicy firewall. */
const NODE_AGENTS_SELECTOR = 'k8s-app in (kube-proxy,cks-lab-netd,cks-lab-netpol,kindnet)';

/**
 * Per node agent (pods grouped by their k8s-app label), how many of `nodes` pods are Ready; kube-proxy must be among
 * them. Until then a pod on a late node reaches no Service (the early-CNI rule refuses service IPs) or is not
 * covered by NetworkPolicy yet.
 */
export function nodeAgentsReady(pods: readonly V1Pod[], nodes: number): boolean {
  const byApp = new Map<string, V1Pod[]>();
  for (const pod of livePods(pods)) {
    const app = pod.metadata?.labels?.['k8s-app'] ?? '?';
    byApp.set(app, [...(byApp.get(app) ?? []), pod]);
  }
  if (!byApp.has('kube-proxy')) return false;
  return [...byApp.values()].every((group) => group.filter(podIsReady).length >= nodes);
}

/** Waits until kube-proxy, the pod network and the NetworkPolicy firewall are Ready on every node. */
export async function waitForNodeAgentsReady(
  kubeConfig: KubeConfig,
  nodes: number,
  deadline: Deadline,
): Promise<void> {
  await waitForKubeSystemPods(
    kubeConfig,
    NODE_AGENTS_SELECTOR,
    (pods) => nodeAgentsReady(pods, nodes),
    `kube-proxy, the pod network and the NetworkPolicy firewall to be Ready on ${nodes} node(s)`,
    deadline,
  );
}

/** Waits (watch + deadline) until the kube-system pods matching `labelSelector` satisfy `satisfied`. */
function waitForKubeSystemPods(
  kubeConfig: KubeConfig,
  labelSelector: string,
  satisfied: (pods: V1Pod[]) => boolean,
  what: string,
  deadline: Deadline,
): Promise<V1Pod[]> {
  const api = kubeConfig.makeApiClient(CoreV1Api);
  return watchUntil<V1Pod>({
    kubeConfig,
    path: '/api/v1/namespaces/kube-system/pods',
    query: { labelSelector },
    list: () => api.listNamespacedPod({ namespace: 'kube-system', labelSelector }),
    satisfied,
    describe: describePods,
    what,
    deadline,
  });
}
