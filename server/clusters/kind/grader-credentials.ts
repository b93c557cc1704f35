import {
  GRADER_IDENTITY,
  InvalidCredentialsError,
  MAX_PEM_BYTES,
  pemBlocks,
  type ClusterCredentials,
  type CredentialStore,
} from '../../kube/index.js';
import type { Deadline } from './deadline.js';
import { dockerExec, publishedPort } from './docker.js';
import { controlPlaneNodeName } from './names.js';

const API_SERVER_PORT = '6443/tcp';
/** Long enough for any lab or pooled cluster; the cluster (and so the CA) is gone long before. */
const VALID_DAYS = 365;

/**
 * Runs in the control-plane node right after kubeadm, before anyone has a shell there: a fresh key and a client
 * certificate signed by the cluster CA, printed with the CA certificate. Nothing stays behind in the node (a private
 * temp folder, removed on exit) and nothing in /etc/kubernetes/pki changes (a random serial, no ca.srl).
 * $1 is the subject, $2 the validity in days.
 */
const MINT_SCRIPT = `
umask 077
dir=$(mktemp -d)
trap 'rm -rf -- "$dir"' EXIT
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$dir/key.pem"
openssl req -new -key "$dir/key.pem" -subj "$1" -out "$dir/csr.pem"
printf 'keyUsage=critical,digitalSignature\\nextendedKeyUsage=clientAuth\\n' > "$dir/ext"
openssl x509 -req -in "$dir/csr.pem" -CA /etc/kubernetes/pki/ca.crt -CAkey /etc/kubernetes/pki/ca.key \\
  -set_serial "0x$(openssl rand -hex 16)" -days "$2" -sha256 -extfile "$dir/ext" -out "$dir/cert.pem" 2>/dev/null
cat -- "$dir/cert.pem" "$dir/key.pem" /etc/kubernetes/pki/ca.crt
`;

/** Splits the mint script's output: the grader certificate, its key, then the CA certificate. */
export function parseMintOutput(stdout: string, server: string): ClusterCredentials {
  const blocks = pemBlocks(stdout, 4 * MAX_PEM_BYTES);
  const labels = blocks.map((block) => block.label).join(', ');
  const [cert, key, ca] = blocks;
  if (blocks.length !== 3 || cert?.label !== 'CERTIFICATE' || ca?.label !== 'CERTIFICATE' || !key)
    throw new InvalidCredentialsError(
      `expected certificate, key and CA certificate from the node, got ${labels}`,
    );
  return { server, caCert: ca.pem, clientCert: cert.pem, clientKey: key.pem };
}

/**
 * Captures the grader's credentials for a freshly created cluster and stores them on this host: the endpoint from
 * Docker's port mapping, the key and certificate minted in the node. The store validates them (PEM shapes, sizes,
 * signed by the CA, key matches) before writing.
 */
export async function captureGraderCredentials(
  cluster: string,
  store: CredentialStore,
  deadline: Deadline,
): Promise<ClusterCredentials> {
  const node = controlPlaneNodeName(cluster);
  const { host, port } = await publishedPort(node, API_SERVER_PORT);
  const subject = `/O=${GRADER_IDENTITY.organization}/CN=${GRADER_IDENTITY.commonName}`;
  const minted = await dockerExec(
    node,
    ['bash', '-euo', 'pipefail', '-c', MINT_SCRIPT, 'mint-grader-cert', subject, String(VALID_DAYS)],
    {
      timeoutMs: Math.min(60_000, deadline.remainingMs()),
      maxOutputBytes: 4 * MAX_PEM_BYTES,
      signal: deadline.signal,
    },
  );
  const credentials = parseMintOutput(minted.stdout, `https://${host}:${port}`);
  await store.save(cluster, credentials);
  return credentials;
}
