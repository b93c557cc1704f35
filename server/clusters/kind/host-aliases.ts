import { containerIp, dockerExec, writeContainerFile } from './docker.js';
import { CONTROL_PLANE_ALIAS, WORKER_ALIAS } from './names.js';
import type { ClusterNode } from '../types.js';

export interface HostAlias {
  ip: string;
  names: string[];
}

const MARK = '# cks-lab';

/** /etc/hosts with our alias lines replaced by these (idempotent: earlier cks-lab lines are dropped). */
export function withHostAliases(hosts: string, aliases: readonly HostAlias[]): string {
  const kept = hosts.split('\n').filter((line) => !line.endsWith(MARK));
  while (kept.length && kept[kept.length - 1] === '') kept.pop();
  const added = aliases.map((alias) => `${alias.ip}\t${alias.names.join(' ')} ${MARK}`);
  return `${[...kept, ...added].join('\n')}\n`;
}

/** A node's exam name: `controlplane` for the control-plane, `node01` for the first worker, none for others. */
export function examName(node: ClusterNode, nodes: readonly ClusterNode[]): string | undefined {
  if (node.role === 'control-plane') return CONTROL_PLANE_ALIAS;
  return node === nodes.find((n) => n.role === 'worker') ? WORKER_ALIAS : undefined;
}

/** Exam-style names: `controlplane` for the control-plane, `node01` for the worker. */
export function examAliases(nodes: readonly ClusterNode[], ips: ReadonlyMap<string, string>): HostAlias[] {
  return nodes.flatMap((node) => {
    const ip = ips.get(node.name);
    if (!ip) throw new Error(`no address known for node ${node.name}`);
    const name = examName(node, nodes);
    return name ? [{ ip, names: [name] }] : [];
  });
}

/** Adds the exam aliases to /etc/hosts on every node (written in place: Docker bind-mounts that file). */
export async function addExamHostAliases(nodes: readonly ClusterNode[], network: string): Promise<void> {
  const ips = new Map<string, string>();
  for (const node of nodes) ips.set(node.name, await containerIp(node.name, network));
  const aliases = examAliases(nodes, ips);
  for (const node of nodes) {
    const hosts = (await dockerExec(node.name, ['cat', '/etc/hosts'], { timeoutMs: 30_000 })).stdout;
    await writeContainerFile(node.name, '/etc/hosts', withHostAliases(hosts, aliases));
  }
}
