import type { KubeConfig } from '@kubernetes/client-node';
import type { Discovery, KubeRest } from '../../grader/index.js';

/**
 * How the server reaches a cluster's API server: captured when the cluster is created, before anyone has a shell
 * in it, and kept on this host. Nothing here is ever read from a node again.
 */
export interface ClusterCredentials {
  /** https://127.0.0.1:PORT, from Docker's port mapping (host side), never from a file in the node. */
  server: string;
  /** The cluster CA certificate (PEM), to verify the API server. */
  caCert: string;
  /** The grader's client certificate (PEM), O=system:masters, signed by the cluster CA. */
  clientCert: string;
  /** Its private key (PEM). */
  clientKey: string;
}

/** Everything that talks to one cluster's API: client-node's config, and the raw JSON client with discovery. */
export interface KubeAccess {
  kubeConfig: KubeConfig;
  rest: KubeRest;
  discovery: Discovery;
}
