import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClusterCredentials } from '../../../../server/kube/index.js';

/**
 * Throwaway PKI for the unit tests' fake Kubernetes API, made fresh with openssl in every test process (nothing
 * secret-looking is kept in the repo): a test CA, a server certificate for 127.0.0.1, a client certificate shaped
 * like cks-lab's grader credentials (O=system:masters, CN=cks-lab-grader) and an unrelated CA.
 */
function makeTestPki() {
  const dir = mkdtempSync(join(tmpdir(), 'cks-lab-test-tls-'));
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const newKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  const signed = (name: string, subject: string, extensions: string) => {
    writeFileSync(join(dir, `${name}.ext`), `${extensions}\n`);
    openssl('req', '-new', ...newKey, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject);
    openssl(
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-set_serial',
      String(Date.now()),
      '-days',
      '3650',
      '-extfile',
      `${name}.ext`,
      '-out',
      `${name}.crt`,
    );
  };
  try {
    openssl(
      'req',
      '-x509',
      ...newKey,
      '-keyout',
      'ca.key',
      '-out',
      'ca.crt',
      '-days',
      '3650',
      '-subj',
      '/CN=cks-lab-test-ca',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
    );
    openssl(
      'req',
      '-x509',
      ...newKey,
      '-keyout',
      'other-ca.key',
      '-out',
      'other-ca.crt',
      '-days',
      '3650',
      '-subj',
      '/CN=unrelated-test-ca',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
    );
    signed(
      'server',
      '/CN=fake-kube-apiserver',
      'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth',
    );
    signed(
      'client',
      '/O=system:masters/CN=cks-lab-grader',
      'extendedKeyUsage=clientAuth\nkeyUsage=critical,digitalSignature',
    );
    const read = (name: string) => readFileSync(join(dir, name), 'utf8');
    return {
      caCert: read('ca.crt'),
      otherCaCert: read('other-ca.crt'),
      serverCert: read('server.crt'),
      serverKey: read('server.key'),
      clientCert: read('client.crt'),
      clientKey: read('client.key'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The test PKI, made once per test process. */
export const tls = makeTestPki();

/** Grader credentials for a fake API server at `server`. */
export function fixtureCredentials(server: string): ClusterCredentials {
  return { server, caCert: tls.caCert, clientCert: tls.clientCert, clientKey: tls.clientKey };
}
