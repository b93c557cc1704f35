import { X509Certificate, createPrivateKey } from 'node:crypto';
import { InvalidCredentialsError } from './errors.js';
import { CERTIFICATE, PRIVATE_KEY, singlePem } from './pem.js';
import type { ClusterCredentials } from './types.js';

/**
 * Who the grader is to the API server. system:masters is the one group the API server authorises before and
 * without RBAC, so a learner who deletes cluster-admin bindings (or the admin user kubeadm made) cannot take the
 * grader's access away; only recreating the cluster CA would, and that breaks the whole lab.
 */
export const GRADER_IDENTITY = { commonName: 'cks-lab-grader', organization: 'system:masters' } as const;

/** https://host:port and nothing else (no user, path, query): the only server a built kubeconfig may name. */
export function validateServerUrl(server: string): string {
  let url: URL;
  try {
    url = new URL(server);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    throw new InvalidCredentialsError(`server "${server}" is not a URL`);
  }
  const bare = url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password;
  if (url.protocol !== 'https:' || !url.hostname || !url.port || !bare)
    throw new InvalidCredentialsError(`server "${server}" must be https://HOST:PORT and nothing more`);
  return `https://${url.host}`;
}

/**
 * Checks credentials before anything uses them: each field is one PEM block of the right kind and size, the client
 * certificate is the grader's, signed by the CA, still valid, and the key is its key. Returns them normalised.
 */
export function validateCredentials(credentials: ClusterCredentials, now = new Date()): ClusterCredentials {
  const server = validateServerUrl(credentials.server);
  const caCert = singlePem(credentials.caCert, CERTIFICATE, 'cluster CA');
  const clientCert = singlePem(credentials.clientCert, CERTIFICATE, 'grader certificate');
  const clientKey = singlePem(credentials.clientKey, PRIVATE_KEY, 'grader key');
  const ca = parseCertificate(caCert, 'cluster CA');
  const cert = parseCertificate(clientCert, 'grader certificate');
  if (!ca.ca) throw new InvalidCredentialsError('cluster CA: the certificate is not a CA');
  if (!cert.verify(ca.publicKey))
    throw new InvalidCredentialsError('grader certificate: not signed by the cluster CA');
  const subject = subjectOf(cert);
  if (subject.CN !== GRADER_IDENTITY.commonName || subject.O !== GRADER_IDENTITY.organization) {
    throw new InvalidCredentialsError(
      `grader certificate: expected subject O=${GRADER_IDENTITY.organization}, CN=${GRADER_IDENTITY.commonName}, found ${cert.subject.replace(/\n/g, ', ')}`,
    );
  }
  if (new Date(cert.validTo) <= now)
    throw new InvalidCredentialsError(`grader certificate expired on ${cert.validTo}: recreate the cluster`);
  let matches: boolean;
  try {
    matches = cert.checkPrivateKey(createPrivateKey(clientKey));
  } catch (error) {
    throw new InvalidCredentialsError(
      `grader key: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (!matches) throw new InvalidCredentialsError('grader key: does not belong to the grader certificate');
  return { server, caCert, clientCert, clientKey };
}

function parseCertificate(pem: string, what: string): X509Certificate {
  try {
    return new X509Certificate(pem);
  } catch (error) {
    throw new InvalidCredentialsError(`${what}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** "O=system:masters\nCN=cks-lab-grader" → { O, CN }; a repeated attribute is kept as "a+b" so it never matches. */
function subjectOf(cert: X509Certificate): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of cert.subject.split('\n')) {
    const at = line.indexOf('=');
    if (at < 1) continue;
    const key = line.slice(0, at);
    const value = line.slice(at + 1);
    fields[key] = key in fields ? `${fields[key]}+${value}` : value;
  }
  return fields;
}
