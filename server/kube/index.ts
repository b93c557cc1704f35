/** The server's one way to the Kubernetes API: captured credentials in, bounded clients out. */
export { connect, kubeConfigFor } from './connect.js';
export { CredentialStore, defaultCredentialsDir } from './credential-store.js';
export { InvalidCredentialsError, MissingCredentialsError, UnsafeKubeconfigError } from './errors.js';
export { MAX_PEM_BYTES, pemBlocks } from './pem.js';
export { credentialsFromKubeconfig, kubeconfigProblems, renderKubeconfig } from './kubeconfig.js';
export { GRADER_IDENTITY, validateCredentials } from './validate-credentials.js';
export type { ClusterCredentials, KubeAccess } from './types.js';
