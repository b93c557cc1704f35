import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stringify } from 'yaml';
import {
  UnsafeKubeconfigError,
  credentialsFromKubeconfig,
  kubeconfigProblems,
  renderKubeconfig,
} from '../../../server/kube/index.js';
import { fixtureCredentials } from '../grader/support/tls.js';

const credentials = fixtureCredentials('https://127.0.0.1:40123');

/** A safe kubeconfig as a plain document, with `change` applied to its cluster and user entries. */
function doc(
  change: { cluster?: Record<string, unknown>; user?: Record<string, unknown>; root?: object } = {},
) {
  const b64 = (text: string) => Buffer.from(text).toString('base64');
  return {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: 'lab',
        cluster: {
          server: credentials.server,
          'certificate-authority-data': b64(credentials.caCert),
          ...change.cluster,
        },
      },
    ],
    users: [
      {
        name: 'grader',
        user: {
          'client-certificate-data': b64(credentials.clientCert),
          'client-key-data': b64(credentials.clientKey),
          ...change.user,
        },
      },
    ],
    contexts: [{ name: 'lab', context: { cluster: 'lab', user: 'grader' } }],
    'current-context': 'lab',
    ...change.root,
  };
}

describe('kubeconfig validator', () => {
  it('accepts server + CA + client certificate + key, and what cks-lab renders', () => {
    assert.deepEqual(kubeconfigProblems(doc()), []);
    assert.deepEqual(credentialsFromKubeconfig(renderKubeconfig(credentials)), credentials);
  });

  // each field a learner could plant in admin.conf, and the reason the validator gives
  const refused: [string, { cluster?: Record<string, unknown>; user?: Record<string, unknown> }, RegExp][] = [
    [
      'an exec credential plugin',
      {
        user: { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: 'sh', args: ['-c', 'id'] } },
      },
      /users\[0\]\.user\.exec runs a credential plugin on this host/,
    ],
    [
      'an auth provider',
      { user: { 'auth-provider': { name: 'oidc' } } },
      /auth-provider runs an auth provider/,
    ],
    ['a token file', { user: { tokenFile: '/etc/shadow' } }, /tokenFile reads a token file on this host/],
    ['a token file (dashed)', { user: { 'token-file': '/etc/shadow' } }, /token-file reads a token file/],
    ['a bearer token', { user: { token: 'abc' } }, /token authenticates with a bearer token/],
    [
      'a client certificate file',
      { user: { 'client-certificate': '/root/.ssh/id_rsa' } },
      /reads a certificate file/,
    ],
    ['a client key file', { user: { 'client-key': '/etc/shadow' } }, /client-key reads a key file/],
    ['a CA file', { cluster: { 'certificate-authority': '/etc/shadow' } }, /reads a CA file on this host/],
    [
      'a proxy',
      { cluster: { 'proxy-url': 'http://evil:3128' } },
      /proxy-url sends API traffic through a proxy/,
    ],
    ['no server verification', { cluster: { 'insecure-skip-tls-verify': true } }, /turns off verifying/],
    [
      'impersonating a user',
      { user: { as: 'system:admin' } },
      /users\[0\]\.user\.as impersonates another user/,
    ],
    [
      'impersonating groups',
      { user: { 'as-groups': ['system:masters'] } },
      /as-groups impersonates other groups/,
    ],
    ['impersonating a uid', { user: { 'as-uid': '0' } }, /as-uid impersonates/],
    ['impersonation extras', { user: { 'as-user-extra': { a: ['b'] } } }, /as-user-extra impersonates/],
    ['basic auth', { user: { username: 'admin', password: 'x' } }, /username uses basic authentication/],
    ['an unknown field', { cluster: { 'tls-server-name': 'evil' } }, /tls-server-name is not allowed/],
  ];
  for (const [what, change, reason] of refused) {
    it(`refuses ${what}`, () => {
      const problems = kubeconfigProblems(doc(change));
      assert.equal(
        problems.length,
        Object.keys({ ...change.cluster, ...change.user }).length,
        problems.join('; '),
      );
      assert.match(problems.join('; '), reason);
      // and the text path refuses it before anything is loaded
      assert.throws(() => credentialsFromKubeconfig(stringify(doc(change))), UnsafeKubeconfigError);
    });
  }

  it('refuses extra users, clusters or contexts (another one could be current)', () => {
    const twoUsers = doc();
    twoUsers.users.push({ ...twoUsers.users[0]!, name: 'other' });
    assert.match(kubeconfigProblems(twoUsers).join(), /users must list exactly one entry/);
    assert.match(
      kubeconfigProblems({ ...doc(), clusters: [] }).join(),
      /clusters must list exactly one entry/,
    );
  });

  it('refuses extensions and preferences that carry anything', () => {
    assert.match(kubeconfigProblems(doc({ root: { extensions: [] } })).join(), /kubeconfig\.extensions/);
    assert.match(
      kubeconfigProblems(doc({ root: { preferences: { colors: true } } })).join(),
      /preferences must be empty/,
    );
  });

  it('refuses YAML aliases and oversized text, and non-PEM data', () => {
    const aliased = `a: &x [1]\n${stringify(doc())}b: *x\n`;
    assert.throws(() => credentialsFromKubeconfig(aliased));
    assert.throws(() => credentialsFromKubeconfig('x'.repeat(100_000)), /larger than 65536 bytes/);
    const notPem = doc({ user: { 'client-key-data': Buffer.from('not a key').toString('base64') } });
    assert.throws(() => credentialsFromKubeconfig(stringify(notPem)), /grader key: expected only PEM blocks/);
  });

  it('keeps nothing but the four values', () => {
    const loaded = credentialsFromKubeconfig(stringify(doc()));
    assert.deepEqual(Object.keys(loaded).sort(), ['caCert', 'clientCert', 'clientKey', 'server']);
  });
});
