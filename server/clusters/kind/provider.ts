import { CredentialStore, renderKubeconfig, type ClusterCredentials } from '../../kube/index.js';
import type {
  ClusterInfo,
  ClusterNode,
  ClusterProvider,
  CreateClusterOptions,
  LeftoverNetwork,
  NodeExecOptions,
  NodeExecResult,
  NodeShell,
  ShellOptions,
} from '../types.js';
import { linkClusters, unlinkClusters } from './cluster-link.js';
import { createKindCluster } from './create-cluster.js';
import { dockerEndpointFromEnv } from './engine-api.js';
import { openNodeShell } from './node-shell.js';
import { deleteKindCluster } from './delete-cluster.js';
import { dockerExec, dockerExecAttached, writeContainerFile } from './docker.js';
import { ClusterNotFoundError, InvalidArgumentError, MissingPrerequisiteError } from '../errors.js';
import { kindGetClusters, kindGetNodes } from './kind-cli.js';
import { leftoverClusterNetworks } from './leftover-networks.js';
import { loadImagesIntoNodes } from './load-images.js';
import { clusterNodes, controlPlaneNodeName, nodeRole, validateClusterName } from './names.js';

export interface KindProviderDeps {
  /** Absolute path of the kind binary, or null when there is none. */
  findKind: () => Promise<string | null>;
  /** The node image to use when create() is not given one. */
  defaultNodeImage: () => Promise<string>;
  /** Where each cluster's grader credentials are kept (written by create, removed by delete). */
  credentials: CredentialStore;
}

/** ClusterProvider on kind and the local Docker engine. */
export class KindClusterProvider implements ClusterProvider {
  constructor(private readonly deps: KindProviderDeps) {}

  private async kind(): Promise<string> {
    const kind = await this.deps.findKind();
    if (!kind)
      throw new MissingPrerequisiteError(
        'no kind binary found: run `npx cks-lab image build` (it builds kind) or set CKS_LAB_KIND',
      );
    return kind;
  }

  async create(name: string, options: CreateClusterOptions): Promise<ClusterInfo> {
    validateClusterName(name);
    const image = options.image ?? (await this.deps.defaultNodeImage());
    return createKindCluster(await this.kind(), name, {
      ...options,
      image,
      credentials: this.deps.credentials,
    });
  }

  async delete(name: string): Promise<void> {
    await deleteKindCluster(await this.kind(), validateClusterName(name), this.deps.credentials);
  }

  async list(): Promise<string[]> {
    return kindGetClusters(await this.kind());
  }

  /** Through the Docker Engine API (the docker CLI refuses a TTY without one of its own). */
  async openShell(cluster: string, node: string, options: ShellOptions): Promise<NodeShell> {
    this.assertNodeOf(cluster, node);
    return openNodeShell(dockerEndpointFromEnv(), node, options);
  }

  link(name: string, clusters: readonly string[], hostPrefix: string): Promise<void> {
    return linkClusters(name, clusters, hostPrefix);
  }

  unlink(name: string): Promise<void> {
    return unlinkClusters(name);
  }

  leftoverNetworks(): Promise<LeftoverNetwork[]> {
    return leftoverClusterNetworks();
  }

  async nodes(name: string): Promise<ClusterNode[]> {
    const names = await kindGetNodes(await this.kind(), validateClusterName(name));
    const nodes = clusterNodes(name, names);
    if (!nodes.length) throw new ClusterNotFoundError(name);
    return nodes;
  }

  async exec(
    cluster: string,
    node: string,
    argv: readonly string[],
    options: NodeExecOptions = {},
  ): Promise<NodeExecResult> {
    this.assertNodeOf(cluster, node);
    if (options.tty && options.input !== undefined) {
      throw new InvalidArgumentError(
        'exec: a TTY needs a terminal on stdin; use execAttached, or drop tty when passing input',
      );
    }
    const { exitCode, stdout, stderr } = await dockerExec(node, argv, options);
    return { exitCode, stdout, stderr };
  }

  async execAttached(
    cluster: string,
    node: string,
    argv: readonly string[],
    options: { tty: boolean; timeoutMs: number },
  ): Promise<number> {
    this.assertNodeOf(cluster, node);
    return dockerExecAttached(node, argv, options);
  }

  async copyToNode(
    cluster: string,
    node: string,
    content: Buffer | string,
    destPath: string,
    mode?: number,
  ): Promise<void> {
    this.assertNodeOf(cluster, node);
    if (!destPath.startsWith('/'))
      throw new InvalidArgumentError(`destination path "${destPath}" must be absolute`);
    await writeContainerFile(node, destPath, content, mode);
  }

  async credentials(name: string): Promise<ClusterCredentials> {
    const kind = await this.kind();
    // stored credentials of a cluster deleted behind our back must not be mistaken for a live one
    if (!(await kindGetClusters(kind)).includes(validateClusterName(name)))
      throw new ClusterNotFoundError(name);
    return this.deps.credentials.load(name);
  }

  /** Rendered from the stored credentials: nothing is read back from the node's own kubeconfig files. */
  async kubeconfig(name: string, options: { internal?: boolean } = {}): Promise<string> {
    const credentials = await this.credentials(name);
    // the API server's certificate names the control-plane container, so nodes can verify it there
    return renderKubeconfig(
      credentials,
      options.internal ? `https://${controlPlaneNodeName(name)}:6443` : undefined,
    );
  }

  async loadImages(cluster: string, images: readonly string[]): Promise<void> {
    const nodes = await this.nodes(cluster);
    await loadImagesIntoNodes(
      nodes.map((node) => node.name),
      images,
    );
  }

  /** Only this cluster's node containers may be reached through it, never any other container on the engine. */
  private assertNodeOf(cluster: string, node: string): void {
    validateClusterName(cluster);
    if (!nodeRole(cluster, node)) {
      throw new InvalidArgumentError(
        `"${node}" is not a node of cluster "${cluster}" (see \`cks-lab cluster list\`)`,
      );
    }
  }
}
