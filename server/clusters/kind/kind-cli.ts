import { run, type RunResult } from '../../exec/run.js';
import { parseKindNames } from './kind-output.js';

/** Typed calls of the kind binary; `kind` is its absolute path. */

export interface KindCreateOptions {
  name: string;
  image: string;
  /** kind config YAML, passed on stdin. */
  config: string;
  /** Docker network the nodes join (kind reads KIND_EXPERIMENTAL_DOCKER_NETWORK). */
  network: string;
  /** Where kind writes its kubeconfig, so the user's ~/.kube/config is never touched. */
  kubeconfigPath: string;
  timeoutMs: number;
  signal?: AbortSignal;
  onLine?: (line: string) => void;
}

/**
 * Creates the node containers and runs kubeadm; returns without waiting for readiness (--wait 0s: we wait with
 * watches). --retain keeps failed nodes so their logs can go into the error before we delete them ourselves.
 */
export function kindCreateCluster(kind: string, options: KindCreateOptions): Promise<RunResult> {
  return run(
    [
      kind,
      'create',
      'cluster',
      '--name',
      options.name,
      '--image',
      options.image,
      '--config',
      '-',
      '--kubeconfig',
      options.kubeconfigPath,
      '--wait',
      '0s',
      '--retain',
    ],
    {
      input: options.config,
      env: { ...process.env, KIND_EXPERIMENTAL_DOCKER_NETWORK: options.network },
      timeoutMs: options.timeoutMs,
      signal: options.signal,
      onLine: options.onLine,
    },
  );
}

/** Deletes the cluster's node containers; succeeds when the cluster does not exist. */
export async function kindDeleteCluster(kind: string, name: string, kubeconfigPath: string): Promise<void> {
  await run([kind, 'delete', 'cluster', '--name', name, '--kubeconfig', kubeconfigPath], {
    timeoutMs: 180_000,
  });
}

export async function kindGetClusters(kind: string): Promise<string[]> {
  return parseKindNames((await run([kind, 'get', 'clusters'], { timeoutMs: 30_000 })).stdout);
}

export async function kindGetNodes(kind: string, name: string): Promise<string[]> {
  return parseKindNames((await run([kind, 'get', 'nodes', '--name', name], { timeoutMs: 30_000 })).stdout);
}
