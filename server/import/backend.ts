import { ImportError } from './import-error.js';

export interface Backend {
  nodes: 1 | 2;
  /** why this imageid maps to that many nodes, for the report */
  note: string;
}

/**
 * Killercoda's backend.imageid names the machines a scenario runs on. cks-lab labs are kubeadm clusters on kind,
 * with a control-plane node and optionally a worker `node01`; only images that are such a cluster map onto one.
 */
export function backendFor(imageid: string | undefined): Backend {
  if (imageid === undefined)
    throw new ImportError(
      'index.json has no backend.imageid, so the machines it needs are unknown; set it to ' +
        '"kubernetes-kubeadm-1node" or "kubernetes-kubeadm-2nodes"',
    );
  if (imageid === 'kubernetes-kubeadm-1node')
    return { nodes: 1, note: 'kubernetes-kubeadm-1node: one control-plane node' };
  if (imageid === 'kubernetes-kubeadm-2nodes')
    return { nodes: 2, note: 'kubernetes-kubeadm-2nodes: control-plane plus worker node01' };
  // Katacoda's running cluster was a kubeadm cluster with "controlplane" and a worker "node01"
  if (/^kubernetes-cluster-running(:[\w.-]+)?$/.test(imageid))
    return {
      nodes: 2,
      note: `${imageid} (Katacoda): a running kubeadm cluster with controlplane and node01, so 2 nodes`,
    };
  const why = /^kubernetes-cluster(:|$)/.test(imageid)
    ? 'Katacoda started this cluster only when the learner ran launch.sh; its scripts assume that step'
    : /kubernetes|k8s|k3s|minikube/i.test(imageid)
      ? 'not a kubeadm cluster cks-lab provides (cks-lab runs kubeadm clusters with 1 or 2 nodes)'
      : 'not a Kubernetes cluster; cks-lab labs are Kubernetes clusters';
  throw new ImportError(
    `backend.imageid "${imageid}" is not supported: ${why}. If the content works on a kubeadm cluster, set ` +
      'backend.imageid to "kubernetes-kubeadm-1node" or "kubernetes-kubeadm-2nodes" and import again',
  );
}
