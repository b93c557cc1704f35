import type {
  ClusterInfo,
  ClusterNode,
  ClusterProvider,
  CreateClusterOptions,
  LeftoverNetwork,
  NodeExecOptions,
  NodeExecResult,
  NodeShell,
} from '../../../../server/clusters/types.js';
import type { FakeKubeApi } from '../../grader/support/fake-kube-api.js';
import { renderKubeconfig, type ClusterCredentials } from '../../../../server/kube/index.js';

export interface ProviderCall {
  method: string;
  args: unknown[];
}

/**
 * A ClusterProvider whose API server is the fake HTTP API and whose node commands are answered by a handler.
 * It records every call, so tests can assert order (images before setup) and clean-up (every cluster deleted).
 */
export class RecordingProvider implements ClusterProvider {
  readonly calls: ProviderCall[] = [];
  private readonly clusters = new Set<string>();

  constructor(
    private readonly api: FakeKubeApi,
    private readonly onExec: (
      node: string,
      argv: readonly string[],
      options: NodeExecOptions,
    ) => NodeExecResult = () => ({
      exitCode: 0,
      stdout: '',
      stderr: '',
    }),
  ) {}

  private record(method: string, ...args: unknown[]): void {
    this.calls.push({ method, args });
  }

  async create(name: string, options: CreateClusterOptions): Promise<ClusterInfo> {
    this.record('create', name, options.nodes);
    this.api.reset(); // every cluster starts empty
    this.clusters.add(name);
    return { name, nodes: await this.nodes(name) };
  }

  async delete(name: string): Promise<void> {
    this.record('delete', name);
    this.clusters.delete(name);
  }

  async list(): Promise<string[]> {
    return [...this.clusters];
  }

  async openShell(): Promise<NodeShell> {
    throw new Error('the recording provider opens no shells');
  }

  async link(name: string, clusters: readonly string[], hostPrefix: string): Promise<void> {
    this.record('link', name, clusters, hostPrefix);
  }

  async unlink(name: string): Promise<void> {
    this.record('unlink', name);
  }

  async leftoverNetworks(): Promise<LeftoverNetwork[]> {
    return [];
  }

  async nodes(name: string): Promise<ClusterNode[]> {
    return [{ name: `${name}-control-plane`, role: 'control-plane' }];
  }

  async exec(
    cluster: string,
    node: string,
    argv: readonly string[],
    options: NodeExecOptions = {},
  ): Promise<NodeExecResult> {
    this.record('exec', cluster, node, argv, options);
    return this.onExec(node, argv, options);
  }

  async execAttached(): Promise<number> {
    throw new Error('not used by scenario steps');
  }

  async copyToNode(
    cluster: string,
    node: string,
    content: Buffer | string,
    destPath: string,
    mode?: number,
  ): Promise<void> {
    this.record('copyToNode', cluster, node, content.toString(), destPath, mode);
  }

  async credentials(): Promise<ClusterCredentials> {
    return this.api.credentials();
  }

  async kubeconfig(): Promise<string> {
    return renderKubeconfig(this.api.credentials());
  }

  async loadImages(cluster: string, images: readonly string[]): Promise<void> {
    this.record('loadImages', cluster, [...images]);
  }
}
