import type { Duplex } from 'node:stream';
import type { ClusterCredentials } from '../kube/types.js';
import type { ProgressSink } from '../progress.js';

export type NodeRole = 'control-plane' | 'worker';

export interface ClusterNode {
  /** Docker container name, also the node's hostname and Kubernetes node name. */
  name: string;
  role: NodeRole;
}

export interface ClusterInfo {
  name: string;
  nodes: ClusterNode[];
}

export interface CreateClusterOptions {
  /** 1 = control-plane only, 2 = control-plane + worker. */
  nodes: 1 | 2;
  /** Node image; defaults to the image `cks-lab image build` produced. */
  image?: string;
  /** Give up (and clean up) after this long. */
  timeoutMs?: number;
  progress?: ProgressSink;
  signal?: AbortSignal;
}

export interface NodeExecOptions {
  input?: string | Buffer;
  tty?: boolean;
  timeoutMs?: number;
  env?: Record<string, string>;
  allowFailure?: boolean;
  signal?: AbortSignal;
  /** Kill the command once it has printed this much; exec then rejects with OutputLimitError (default 8 MiB). */
  maxOutputBytes?: number;
}

export interface NodeExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** A cluster's own network with nothing attached: the rest of the cluster is gone. */
export interface LeftoverNetwork {
  cluster: string;
  network: string;
  createdAt: Date;
}

/** A pty's size in character cells. */
export interface PtySize {
  rows: number;
  cols: number;
}

/** What runs in a node's pty: the command, its environment and the pty's first size. */
export interface ShellOptions {
  argv: readonly string[];
  env: Readonly<Record<string, string>>;
  size: PtySize;
}

/** An interactive pty stream into a node (bytes both ways; UTF-8 decoding is the caller's), as the terminal drives it. */
export interface NodeShell {
  readonly stream: Duplex;
  write(data: string): void;
  resize(size: PtySize): Promise<void>;
  close(): void;
}

/** Where learner clusters come from. One implementation today: kind on the local Docker engine. */
export interface ClusterProvider {
  /** Creates a cluster on its own Docker network and waits until nodes are Ready and CoreDNS runs. */
  create(name: string, options: CreateClusterOptions): Promise<ClusterInfo>;
  /** Deletes the cluster and everything it owns (containers, network, volumes); no error if absent. */
  delete(name: string): Promise<void>;
  /** Names of the clusters this provider can see, cks-lab's or not. */
  list(): Promise<string[]>;
  /**
   * Networks cks-lab created for a cluster that no container (running or stopped) is attached to any more, e.g.
   * after a crash in the middle of delete(); delete(cluster) removes one. Never lists networks cks-lab did not make.
   */
  leftoverNetworks(): Promise<LeftoverNetwork[]>;
  /** Nodes of an existing cluster; throws when the cluster does not exist. */
  nodes(name: string): Promise<ClusterNode[]>;
  /** Runs argv on a node (no shell involved unless argv starts one). */
  exec(
    cluster: string,
    node: string,
    argv: readonly string[],
    options?: NodeExecOptions,
  ): Promise<NodeExecResult>;
  /** Runs argv on a node attached to this process's stdin/stdout/stderr (TTY when asked); resolves to its exit code. */
  execAttached(
    cluster: string,
    node: string,
    argv: readonly string[],
    options: { tty: boolean; timeoutMs: number },
  ): Promise<number>;
  /** Opens an interactive pty on a node running argv (the learner's terminal, an instructor's view of it). */
  openShell(cluster: string, node: string, options: ShellOptions): Promise<NodeShell>;
  /** Copies a local file (or bytes) to a path on a node, creating parent directories. */
  copyToNode(
    cluster: string,
    node: string,
    content: Buffer | string,
    destPath: string,
    mode?: number,
  ): Promise<void>;
  /**
   * API endpoint, CA and the grader's client certificate, captured when the cluster was created (before anyone had a
   * shell there) and kept on this host; throws MissingCredentialsError for a cluster that has none.
   */
  credentials(name: string): Promise<ClusterCredentials>;
  /** Kubeconfig built from credentials(), addressing the API server from this host or (internal) from a node. */
  kubeconfig(name: string, options?: { internal?: boolean }): Promise<string>;
  /** Copies images from this host's Docker engine into every node's containerd, pinned against image GC. */
  loadImages(cluster: string, images: readonly string[]): Promise<void>;
  /**
   * Lets the control-planes of these clusters log in to each other as root with `ssh <hostPrefix>1`, `…2` … (an
   * exam's hops between its clusters), on a network of their own that nothing else joins.
   */
  link(name: string, clusters: readonly string[], hostPrefix: string): Promise<void>;
  /** Undoes link(); no error when there is nothing to undo. Deleting the clusters does not do it. */
  unlink(name: string): Promise<void>;
}
