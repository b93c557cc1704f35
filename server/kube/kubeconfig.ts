import { parse as parseYaml, stringify } from 'yaml';
import { UnsafeKubeconfigError } from './errors.js';
import type { ClusterCredentials } from './types.js';
import { validateCredentials } from './validate-credentials.js';

/** A kubeconfig of one cluster and one certificate user is a few KiB. */
const MAX_KUBECONFIG_BYTES = 64 * 1024;

/** Fields a learner could plant to make client-node run code, read files or send traffic elsewhere, and why. */
const REFUSED: Record<string, string> = {
  exec: 'runs a credential plugin on this host',
  'auth-provider': 'runs an auth provider on this host',
  token: 'authenticates with a bearer token instead of the client certificate',
  tokenFile: 'reads a token file on this host',
  'token-file': 'reads a token file on this host',
  'client-certificate': 'reads a certificate file on this host',
  'client-key': 'reads a key file on this host',
  'certificate-authority': 'reads a CA file on this host',
  username: 'uses basic authentication',
  password: 'uses basic authentication',
  'proxy-url': 'sends API traffic through a proxy',
  'insecure-skip-tls-verify': 'turns off verifying the API server',
  as: 'impersonates another user',
  'as-uid': 'impersonates another user',
  'as-groups': 'impersonates other groups',
  'as-user-extra': 'impersonates another user',
};

/** The only fields a kubeconfig cks-lab loads may carry, per level. */
const ALLOWED = {
  root: ['apiVersion', 'kind', 'clusters', 'users', 'contexts', 'current-context', 'preferences'],
  namedCluster: ['name', 'cluster'],
  cluster: ['server', 'certificate-authority-data'],
  namedUser: ['name', 'user'],
  user: ['client-certificate-data', 'client-key-data'],
  namedContext: ['name', 'context'],
  context: ['cluster', 'user', 'namespace'],
} as const;

type Doc = Record<string, unknown>;

function isRecord(value: unknown): value is Doc {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What is wrong with a kubeconfig for cks-lab's use, field by field; empty when it is server + CA + cert + key only. */
export function kubeconfigProblems(doc: unknown): string[] {
  const problems: string[] = [];
  const fields = (value: unknown, path: string, allowed: readonly string[]): Doc => {
    if (!isRecord(value)) {
      problems.push(`${path} is not a mapping`);
      return {};
    }
    for (const key of Object.keys(value)) {
      if (allowed.includes(key)) continue;
      problems.push(
        `${path}.${key} ${REFUSED[key] ?? 'is not allowed (only server, CA, client certificate and key are)'}`,
      );
    }
    return value;
  };
  const single = (value: unknown, path: string): unknown => {
    if (!Array.isArray(value) || value.length !== 1) {
      problems.push(`${path} must list exactly one entry`);
      return undefined;
    }
    return value[0];
  };
  const root = fields(doc, 'kubeconfig', ALLOWED.root);
  if (
    root.preferences !== undefined &&
    !(isRecord(root.preferences) && !Object.keys(root.preferences).length)
  )
    problems.push('kubeconfig.preferences must be empty');
  const cluster = single(root.clusters, 'clusters');
  if (cluster !== undefined)
    fields(
      fields(cluster, 'clusters[0]', ALLOWED.namedCluster).cluster,
      'clusters[0].cluster',
      ALLOWED.cluster,
    );
  const user = single(root.users, 'users');
  if (user !== undefined)
    fields(fields(user, 'users[0]', ALLOWED.namedUser).user, 'users[0].user', ALLOWED.user);
  const context = single(root.contexts, 'contexts');
  if (context !== undefined)
    fields(
      fields(context, 'contexts[0]', ALLOWED.namedContext).context,
      'contexts[0].context',
      ALLOWED.context,
    );
  return problems;
}

export function assertSafeKubeconfig(doc: unknown): void {
  const problems = kubeconfigProblems(doc);
  if (problems.length) throw new UnsafeKubeconfigError(problems);
}

const base64 = (pem: string) => Buffer.from(pem, 'utf8').toString('base64');
const fromBase64 = (value: unknown): string =>
  typeof value === 'string' ? Buffer.from(value, 'base64').toString('utf8') : '';

/** The kubeconfig document for credentials; `server` overrides the address (e.g. the nodes' view of it). */
export function kubeconfigDocument(credentials: ClusterCredentials, server = credentials.server): Doc {
  const name = 'cks-lab';
  return {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name, cluster: { server, 'certificate-authority-data': base64(credentials.caCert) } }],
    users: [
      {
        name: 'cks-lab-grader',
        user: {
          'client-certificate-data': base64(credentials.clientCert),
          'client-key-data': base64(credentials.clientKey),
        },
      },
    ],
    contexts: [{ name, context: { cluster: name, user: 'cks-lab-grader' } }],
    'current-context': name,
  };
}

/** kubeconfig YAML for kubectl on this host (or, with `server`, inside a node). */
export function renderKubeconfig(credentials: ClusterCredentials, server?: string): string {
  const doc = kubeconfigDocument(credentials, server);
  assertSafeKubeconfig(doc);
  return stringify(doc);
}

/**
 * Reads kubeconfig YAML the safe way: refused unless it is server + CA + certificate + key only, and then only those
 * four values are kept, so nothing else in the text can ever reach client-node.
 */
export function credentialsFromKubeconfig(text: string): ClusterCredentials {
  if (Buffer.byteLength(text) > MAX_KUBECONFIG_BYTES)
    throw new UnsafeKubeconfigError([`it is larger than ${MAX_KUBECONFIG_BYTES} bytes`]);
  const doc: unknown = parseYaml(text, { maxAliasCount: 0 });
  assertSafeKubeconfig(doc);
  const root = doc as Doc;
  const cluster = ((root.clusters as Doc[])[0]?.cluster ?? {}) as Doc;
  const user = ((root.users as Doc[])[0]?.user ?? {}) as Doc;
  return validateCredentials({
    server: typeof cluster.server === 'string' ? cluster.server : '',
    caCert: fromBase64(cluster['certificate-authority-data']),
    clientCert: fromBase64(user['client-certificate-data']),
    clientKey: fromBase64(user['client-key-data']),
  });
}
