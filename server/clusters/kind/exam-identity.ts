import { dockerExec, writeContainerFile } from './docker.js';
import { examName } from './host-aliases.js';
import type { ClusterNode } from '../types.js';

const QUICK = 30_000;

/**
 * Inside each node, the name Kubernetes registered it under (see kind-config.ts): the shell prompt, `hostname`
 * and `kubectl get --raw /api/v1/nodes/$(hostname)/proxy/...` then agree, as on the exam's nodes. The node is
 * privileged, so it may set the hostname of its own UTS namespace; /etc/hostname is Docker's bind-mounted file,
 * written in place. The container keeps kind's name, which is what Docker and kind address it by.
 */
export async function setExamHostnames(nodes: readonly ClusterNode[]): Promise<void> {
  for (const node of nodes) {
    const name = examName(node, nodes);
    if (!name) continue;
    await dockerExec(node.name, ['hostname', name], { timeoutMs: QUICK });
    await writeContainerFile(node.name, '/etc/hostname', `${name}\n`);
  }
}

/**
 * kubectl works in a clean shell and over `ssh controlplane` as on the exam: /root/.kube/config is a copy of
 * kubeadm's admin.conf, made inside the node (nothing is read back from it).
 */
export async function installRootKubeconfig(nodes: readonly ClusterNode[]): Promise<void> {
  const controlPlane = nodes.find((node) => node.role === 'control-plane');
  if (!controlPlane) throw new Error('internal: the cluster has no control-plane node');
  await dockerExec(
    controlPlane.name,
    ['install', '-D', '-m', '0600', '--', '/etc/kubernetes/admin.conf', '/root/.kube/config'],
    { timeoutMs: QUICK },
  );
}
