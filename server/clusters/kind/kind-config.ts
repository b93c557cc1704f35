import { randomBytes } from 'node:crypto';
import { stringify } from 'yaml';
import { CONTROL_PLANE_ALIAS, WORKER_ALIAS } from './names.js';

export interface KindConfigOptions {
  nodes: 1 | 2;
  /**
   * kubeadm bootstrap token ("abcdef.0123456789abcdef" form). kind writes the same fixed token into every
   * cluster it makes; ours is random per cluster so no two learners' clusters share one (see bootstrapToken()).
   */
  bootstrapToken?: string;
}

const TOKEN = /^[a-z0-9]{6}\.[a-z0-9]{16}$/;

/** A fresh kubeadm bootstrap token: 6 + 16 characters from [a-z0-9], as kubeadm requires. */
export function bootstrapToken(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const pick = (length: number) =>
    Array.from(randomBytes(length), (byte) => alphabet[byte % alphabet.length]).join('');
  return `${pick(6)}.${pick(16)}`;
}

/**
 * kind's cluster config. The API server is published on 127.0.0.1 only (never on the host's LAN) and kind picks a
 * free port for it, so many clusters can run side by side; networking otherwise keeps kind's defaults. Nodes and
 * the cluster get the exam's names (below). With a bootstrap token, kubeadm's init and join configs use it instead
 * of kind's built-in one.
 */
export function renderKindConfig(options: KindConfigOptions): string {
  const nodes = [
    {
      role: 'control-plane',
      kubeadmConfigPatches: [nodeNamePatch('InitConfiguration', CONTROL_PLANE_ALIAS)],
    },
    ...(options.nodes === 2
      ? [{ role: 'worker', kubeadmConfigPatches: [nodeNamePatch('JoinConfiguration', WORKER_ALIAS)] }]
      : []),
  ];
  const token = options.bootstrapToken;
  if (token !== undefined && !TOKEN.test(token)) {
    throw new Error('internal: a bootstrap token is 6 and 16 characters from [a-z0-9] joined by "."');
  }
  return stringify({
    kind: 'Cluster',
    apiVersion: 'kind.x-k8s.io/v1alpha4',
    networking: { apiServerAddress: '127.0.0.1' },
    nodes,
    kubeadmConfigPatches: [
      stringify(CLUSTER_CONFIGURATION),
      ...(token
        ? [
            stringify({ kind: 'InitConfiguration', bootstrapTokens: [{ token }] }),
            stringify({ kind: 'JoinConfiguration', discovery: { bootstrapToken: { token } } }),
          ]
        : []),
    ],
  });
}

/**
 * Without it, every edit of the API server's manifest costs 30 s more: on SIGTERM the old API server waits up to
 * its 60 s request timeout for open watch connections to close, and the kubelet kills it after the pod's 30 s
 * grace period. With `--shutdown-send-retry-after` it still drains the requests in flight, then gives the HTTP
 * server 2 s to close (upstream's own mode for this): the old one is gone in ~2 s, the new one ready ~17 s after the
 * edit (`npm run bench -- --only api-restart`). kubeadm writes the flag into the
 * manifest learners edit, where it stands beside the exam's usual flags.
 */
const API_SERVER_QUICK_SHUTDOWN = { 'shutdown-send-retry-after': 'true' };

/**
 * The exam's (and Killercoda's) conventions: the cluster is `kubernetes` in kubeconfigs (kind names it after the
 * lab, so a context a setup script builds with `--cluster kubernetes` pointed nowhere), and the nodes are
 * registered as `controlplane` and `node01` (kind registers the container names), so `nodeName: node01` schedules
 * and `kubectl drain node01` works. The containers keep kind's names; only Kubernetes sees these.
 */
const CLUSTER_CONFIGURATION = {
  kind: 'ClusterConfiguration',
  clusterName: 'kubernetes',
  apiServer: { extraArgs: API_SERVER_QUICK_SHUTDOWN },
};

function nodeNamePatch(kind: 'InitConfiguration' | 'JoinConfiguration', name: string): string {
  return stringify({ kind, nodeRegistration: { name } });
}
