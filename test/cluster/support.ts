import { randomBytes } from 'node:crypto';
import { CoreV1Api, type KubeConfig, type V1Pod } from '@kubernetes/client-node';
import { nodeImageTag } from '../../infra/node-image/tag.js';
import { createKindProvider, type KindClusterProvider } from '../../server/clusters/kind/index.js';
import { findKind } from '../../server/clusters/kind-binary.js';
import { Deadline } from '../../server/clusters/kind/deadline.js';
import { dockerReachable, imageExists } from '../../server/clusters/kind/docker.js';
import { watchUntil } from '../../server/clusters/kind/watch-until.js';
import { credentialsFromKubeconfig, kubeConfigFor } from '../../server/kube/index.js';

export interface ClusterTier {
  provider: KindClusterProvider;
  image: string;
}

async function missingPrerequisite(image: string): Promise<string | null> {
  const docker = await dockerReachable();
  if (!docker.ok) return `no Docker engine (${docker.reason}); run \`npx cks-lab host prepare\``;
  if (!(await findKind()))
    return 'no kind binary (~/.cache/cks-lab/bin/kind-<hash>/kind, or CKS_LAB_KIND); run `npx cks-lab image build`';
  if (!(await imageExists(image))) return `node image ${image} not built; run \`npx cks-lab image build\``;
  return null;
}

/**
 * What the cluster tier needs, or undefined after ONE loud SKIPPED line. With CKS_LAB_REQUIRE_CLUSTER=1 (CI) a
 * missing prerequisite throws instead, so the tier can never pass by skipping.
 */
export async function clusterTier(): Promise<ClusterTier | undefined> {
  const image = await nodeImageTag();
  const reason = await missingPrerequisite(image);
  if (!reason) return { provider: createKindProvider(), image };
  if (process.env.CKS_LAB_REQUIRE_CLUSTER === '1') {
    throw new Error(`cluster tier required (CKS_LAB_REQUIRE_CLUSTER=1) but ${reason}`);
  }
  process.stdout.write(`SKIPPED cluster tier: ${reason}\n`);
  return undefined;
}

/** A cluster name no other run uses: cks-t<tag>-<random>. */
export function uniqueClusterName(tag: string): string {
  return `cks-t${tag}-${randomBytes(3).toString('hex')}`;
}

/** One measured figure for the lead's report, e.g. FIGURE create_2_nodes_seconds=83.1 */
export function figure(name: string, value: string | number): void {
  process.stdout.write(`FIGURE ${name}=${value}\n`);
}

/** Through the server's validator, as everything else: only server, CA, certificate and key are loaded. */
export function loadKubeConfig(text: string): KubeConfig {
  return kubeConfigFor(credentialsFromKubeconfig(text));
}

/** Waits (watch + deadline) until the pod reaches one of the phases; returns it. */
export async function waitForPodPhase(
  kubeConfig: KubeConfig,
  namespace: string,
  name: string,
  phases: readonly string[],
  timeoutMs = 180_000,
): Promise<V1Pod> {
  const api = kubeConfig.makeApiClient(CoreV1Api);
  const fieldSelector = `metadata.name=${name}`;
  const [pod] = await watchUntil<V1Pod>({
    kubeConfig,
    path: `/api/v1/namespaces/${namespace}/pods`,
    query: { fieldSelector },
    list: () => api.listNamespacedPod({ namespace, fieldSelector }),
    satisfied: (pods) => pods.some((p) => phases.includes(p.status?.phase ?? '')),
    describe: (pods) =>
      pods
        .map(
          (p) =>
            `${name}: ${p.status?.phase ?? '?'} ${JSON.stringify(p.status?.containerStatuses?.[0]?.state ?? {})}`,
        )
        .join('; ') || `${name} not found`,
    what: `pod ${name} to be ${phases.join(' or ')}`,
    deadline: Deadline.in(timeoutMs),
  });
  if (!pod) throw new Error(`pod ${name} vanished`);
  return pod;
}

/** A pod from the preloaded busybox:1.37 that runs one shell command once. */
export function busyboxPod(
  name: string,
  script: string,
  extra: Partial<NonNullable<V1Pod['spec']>> = {},
): V1Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: {
      restartPolicy: 'Never',
      containers: [
        { name: 'main', image: 'busybox:1.37', imagePullPolicy: 'Never', command: ['sh', '-c', script] },
      ],
      ...extra,
    },
  };
}

/** Runs a one-shot pod to completion and returns its log. */
export async function runPod(kubeConfig: KubeConfig, pod: V1Pod): Promise<{ phase: string; log: string }> {
  const api = kubeConfig.makeApiClient(CoreV1Api);
  const name = pod.metadata?.name ?? '';
  await api.createNamespacedPod({ namespace: 'default', body: pod });
  const done = await waitForPodPhase(kubeConfig, 'default', name, ['Succeeded', 'Failed']).catch(
    async (error: unknown) => {
      // the pod's events say why it is stuck (e.g. FailedCreatePodSandBox from the runtime)
      const events = await api.listNamespacedEvent({
        namespace: 'default',
        fieldSelector: `involvedObject.name=${name}`,
      });
      const latest = events.items.slice(-3).map((event) => `${event.reason ?? ''}: ${event.message ?? ''}`);
      throw new Error(
        `${error instanceof Error ? error.message : String(error)}\nlatest events:\n${latest.join('\n')}`,
        {
          cause: error,
        },
      );
    },
  );
  const log = await api.readNamespacedPodLog({ namespace: 'default', name });
  return { phase: done.status?.phase ?? '', log };
}
