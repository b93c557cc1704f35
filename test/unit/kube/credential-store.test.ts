import assert from 'node:assert/strict';
import { chmod, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  CredentialStore,
  InvalidCredentialsError,
  MissingCredentialsError,
  defaultCredentialsDir,
  validateCredentials,
} from '../../../server/kube/index.js';
import { fixtureCredentials, tls } from '../grader/support/tls.js';

const credentials = fixtureCredentials('https://127.0.0.1:40123');

describe('credential store', () => {
  let root: string;
  let store: CredentialStore;

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'cks-creds-'));
    store = new CredentialStore(join(root, 'cluster-credentials'));
  });
  after(() => rm(root, { recursive: true, force: true }));

  it('keeps each cluster in a 0600 file inside a 0700 folder, and reads it back', async () => {
    await store.save('cks-a', credentials);
    assert.equal((await stat(store.dir)).mode & 0o777, 0o700);
    assert.equal((await stat(join(store.dir, 'cks-a.json'))).mode & 0o777, 0o600);
    assert.deepEqual(await store.load('cks-a'), credentials);
    assert.deepEqual(await readdir(store.dir), ['cks-a.json']); // no temp files left behind
  });

  it('tightens a folder that already existed with looser permissions', async () => {
    const loose = new CredentialStore(await mkdtemp(join(root, 'loose-')));
    await chmod(loose.dir, 0o755);
    await loose.save('cks-b', credentials);
    assert.equal((await stat(loose.dir)).mode & 0o777, 0o700);
  });

  it('removes a cluster on delete, and removing twice is fine', async () => {
    await store.save('cks-gone', credentials);
    await store.remove('cks-gone');
    await store.remove('cks-gone');
    assert.equal(await store.has('cks-gone'), false);
  });

  it('says to recreate a cluster that has none (and never falls back to anything else)', async () => {
    await assert.rejects(store.load('cks-old'), (error: unknown) => {
      assert.ok(error instanceof MissingCredentialsError);
      assert.match(
        error.message,
        /cluster "cks-old" has no grader credentials .* recreate it: `cks-lab cluster delete cks-old`/,
      );
      return true;
    });
  });

  it('refuses a tampered file and names that would leave the folder', async () => {
    await writeFile(
      join(store.dir, 'cks-bad.json'),
      JSON.stringify({ ...credentials, clientKey: tls.serverKey }),
    );
    await assert.rejects(store.load('cks-bad'), /grader key: does not belong to the grader certificate/);
    await writeFile(join(store.dir, 'cks-junk.json'), 'not json');
    await assert.rejects(store.load('cks-junk'), /are not JSON/);
    await assert.rejects(store.load('../etc/passwd'), InvalidCredentialsError);
    await assert.rejects(store.save('a/b', credentials), InvalidCredentialsError);
  });

  it('never saves credentials that do not validate', async () => {
    await assert.rejects(
      store.save('cks-c', { ...credentials, server: 'http://127.0.0.1:1' }),
      /https:\/\/HOST:PORT/,
    );
    assert.equal(await store.has('cks-c'), false);
  });

  it('lives under the cache root, which every cks-lab process of this user shares', () => {
    assert.equal(
      defaultCredentialsDir({ CKS_LAB_CACHE_DIR: '/srv/cache' }),
      '/srv/cache/cluster-credentials',
    );
    assert.match(defaultCredentialsDir({ HOME: '/home/x' }), /\.cache\/cks-lab\/cluster-credentials$/);
  });
});

describe('validateCredentials', () => {
  it('accepts the grader certificate signed by the CA with its own key', () => {
    assert.deepEqual(validateCredentials(credentials), credentials);
  });

  const cases: [string, Partial<typeof credentials>, RegExp][] = [
    ['a CA that did not sign the certificate', { caCert: tls.otherCaCert }, /not signed by the cluster CA/],
    [
      'a certificate that is not the grader',
      { clientCert: tls.serverCert },
      /expected subject O=system:masters, CN=cks-lab-grader/,
    ],
    ["someone else's key", { clientKey: tls.serverKey }, /does not belong to the grader certificate/],
    [
      'a key where the certificate belongs',
      { clientCert: tls.clientKey },
      /grader certificate: expected one PEM CERTIFICATE, found PRIVATE KEY/,
    ],
    [
      'two certificates in one field',
      { caCert: tls.caCert + tls.otherCaCert },
      /cluster CA: expected one PEM CERTIFICATE, found CERTIFICATE, CERTIFICATE/,
    ],
    ['text around the PEM', { caCert: `WARNING: x\n${tls.caCert}` }, /cluster CA: expected only PEM blocks/],
    ['an oversized field', { caCert: tls.caCert.repeat(40) }, /cluster CA: expected at most 16384 bytes/],
    [
      'a server with a path',
      { server: 'https://127.0.0.1:1/proxy' },
      /must be https:\/\/HOST:PORT and nothing more/,
    ],
    ['a server with credentials in it', { server: 'https://u:p@127.0.0.1:1' }, /nothing more/],
    ['plain http', { server: 'http://127.0.0.1:1' }, /nothing more/],
  ];
  for (const [what, change, message] of cases) {
    it(`refuses ${what}`, () => {
      assert.throws(
        () => validateCredentials({ ...credentials, ...change }),
        (error: unknown) => {
          assert.ok(error instanceof InvalidCredentialsError, String(error));
          assert.match(error.message, message);
          return true;
        },
      );
    });
  }

  it('refuses an expired certificate with what to do', () => {
    assert.throws(
      () => validateCredentials(credentials, new Date('2200-01-01')),
      /expired on .*: recreate the cluster/,
    );
  });
});
