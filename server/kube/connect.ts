import { Discovery, KubeRest } from '../../grader/index.js';
import { GuardedKubeConfig } from './guarded-kube-config.js';
import { assertSafeKubeconfig, kubeconfigDocument } from './kubeconfig.js';
import type { ClusterCredentials, KubeAccess } from './types.js';
import { validateCredentials } from './validate-credentials.js';

/**
 * The one way the server turns credentials into a client-node KubeConfig: checked credentials, a document that
 * passes the kubeconfig validator, and then a config built from server, CA, certificate and key alone.
 */
export function kubeConfigFor(credentials: ClusterCredentials): GuardedKubeConfig {
  const valid = validateCredentials(credentials);
  assertSafeKubeconfig(kubeconfigDocument(valid));
  const kubeConfig = new GuardedKubeConfig();
  const b64 = (pem: string) => Buffer.from(pem, 'utf8').toString('base64');
  kubeConfig.loadFromOptions({
    clusters: [{ name: 'cks-lab', server: valid.server, caData: b64(valid.caCert), skipTLSVerify: false }],
    users: [{ name: 'cks-lab-grader', certData: b64(valid.clientCert), keyData: b64(valid.clientKey) }],
    contexts: [{ name: 'cks-lab', cluster: 'cks-lab', user: 'cks-lab-grader' }],
    currentContext: 'cks-lab',
  });
  return kubeConfig;
}

/** client-node's config and the JSON client (with discovery) for one cluster, all from the same credentials. */
export async function connect(credentials: ClusterCredentials): Promise<KubeAccess> {
  const kubeConfig = kubeConfigFor(credentials);
  const rest = await KubeRest.fromKubeConfig(kubeConfig);
  return { kubeConfig, rest, discovery: new Discovery(rest) };
}
