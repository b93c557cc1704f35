import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseMintOutput } from '../../../server/clusters/kind/grader-credentials.js';
import { parsePublishedPort } from '../../../server/clusters/kind/docker-output.js';
import { validateCredentials } from '../../../server/kube/index.js';
import { tls } from '../grader/support/tls.js';

test('parseMintOutput: certificate, key, then CA, as the node prints them', () => {
  const credentials = parseMintOutput(
    `${tls.clientCert}${tls.clientKey}${tls.caCert}`,
    'https://127.0.0.1:40123',
  );
  assert.deepEqual(validateCredentials(credentials), credentials);
});

test('parseMintOutput refuses anything else the node could print', () => {
  const server = 'https://127.0.0.1:1';
  assert.throws(
    () => parseMintOutput(`${tls.clientCert}${tls.caCert}`, server),
    /got CERTIFICATE, CERTIFICATE/,
  );
  assert.throws(
    () => parseMintOutput(`${tls.clientKey}${tls.clientCert}${tls.caCert}`, server),
    /expected certificate, key and CA/,
  );
  assert.throws(
    () => parseMintOutput(`hello\n${tls.clientCert}${tls.clientKey}${tls.caCert}`, server),
    /only PEM blocks/,
  );
  assert.throws(() => parseMintOutput(tls.caCert.repeat(200), server), /at most 65536 bytes/);
});

test("parsePublishedPort: the host side of Docker's port mapping", () => {
  const ports = (bindings: unknown) => JSON.stringify({ '6443/tcp': bindings, '22/tcp': null });
  assert.deepEqual(parsePublishedPort(ports([{ HostIp: '127.0.0.1', HostPort: '34567' }]), '6443/tcp'), {
    host: '127.0.0.1',
    port: 34567,
  });
  assert.deepEqual(parsePublishedPort(ports([{ HostIp: '0.0.0.0', HostPort: '80' }]), '6443/tcp'), {
    host: '127.0.0.1',
    port: 80,
  });
  // IPv6 first, then IPv4: the IPv4 binding is used
  assert.deepEqual(
    parsePublishedPort(
      ports([
        { HostIp: '::1', HostPort: '1' },
        { HostIp: '127.0.0.1', HostPort: '2' },
      ]),
      '6443/tcp',
    ),
    { host: '127.0.0.1', port: 2 },
  );
  assert.equal(parsePublishedPort(ports(null), '6443/tcp'), null);
  assert.equal(parsePublishedPort(ports([{ HostIp: '127.0.0.1', HostPort: 'x' }]), '6443/tcp'), null);
  assert.equal(parsePublishedPort('null', '6443/tcp'), null);
});
