import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { CoreV1Api, Exec, Watch } from '@kubernetes/client-node';
import { Writable } from 'node:stream';
import { OutputTooLargeError } from '../../../grader/index.js';
import { connect, kubeConfigFor } from '../../../server/kube/index.js';
import { FakeKubeApi, sendEndless } from '../grader/support/fake-kube-api.js';

const MIB = 1024 * 1024;

describe("connect (the server's one way to the API)", () => {
  let api: FakeKubeApi;

  before(async () => {
    api = await FakeKubeApi.start();
    api.put({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default' } });
  });
  beforeEach(() => (api.intercept = undefined));
  after(() => api.close());

  it('builds a KubeConfig of server, CA, client certificate and key only', () => {
    const kubeConfig = kubeConfigFor(api.credentials());
    const user = kubeConfig.getCurrentUser();
    assert.deepEqual(Object.keys(user ?? {}).sort(), ['certData', 'keyData', 'name']);
    const cluster = kubeConfig.getCurrentCluster();
    assert.deepEqual(Object.keys(cluster ?? {}).sort(), ['caData', 'name', 'server', 'skipTLSVerify']);
    assert.equal(cluster?.skipTLSVerify, false);
  });

  it('reaches the API over TLS with the client certificate, through client-node and the JSON client', async () => {
    const kube = await connect(api.credentials());
    const pods = await kube.kubeConfig.makeApiClient(CoreV1Api).listNamespacedPod({ namespace: 'default' });
    assert.deepEqual(
      pods.items.map((pod) => pod.metadata?.name),
      ['web'],
    );
    const viaRest = (await kube.rest.get('/api/v1/namespaces/default/pods')) as { items: unknown[] };
    assert.equal(viaRest.items.length, 1);
  });

  it('refuses credentials that do not validate before building anything', () => {
    assert.throws(() => kubeConfigFor({ ...api.credentials(), clientKey: 'nope' }), /grader key/);
  });

  describe('bounded reads from a hostile API server', () => {
    const endless = () => {
      api.intercept = (req, res) => {
        if (!req.url?.startsWith('/api/v1/nodes')) return false;
        sendEndless(res);
        return true;
      };
    };

    it('a typed client-node call stops at the body limit', async () => {
      endless();
      const rssBefore = process.memoryUsage().rss;
      const kube = await connect(api.credentials());
      await assert.rejects(kube.kubeConfig.makeApiClient(CoreV1Api).listNode(), (error: unknown) => {
        const cause = error instanceof OutputTooLargeError ? error : (error as Error).cause;
        assert.ok(cause instanceof OutputTooLargeError, String(error));
        assert.match(cause.message, /the API server's answer to GET \/api\/v1\/nodes is larger than 16 MiB/);
        return true;
      });
      assert.ok(process.memoryUsage().rss - rssBefore < 200 * MIB);
    });

    it('a watch stops at the body limit', async () => {
      endless();
      const kube = await connect(api.credentials());
      const ended = await new Promise<unknown>((resolve) => {
        void new Watch(kube.kubeConfig).watch('/api/v1/nodes', {}, () => undefined, resolve);
      });
      const cause = ended instanceof OutputTooLargeError ? ended : (ended as Error | undefined)?.cause;
      assert.ok(cause instanceof OutputTooLargeError, String(ended));
    });

    it('the JSON client stops at the body limit', async () => {
      endless();
      const kube = await connect(api.credentials());
      await assert.rejects(kube.rest.get('/api/v1/nodes'), OutputTooLargeError);
    });

    it('a websocket frame larger than the limit closes the exec instead of being buffered', async () => {
      api.exec = () => ({ exitCode: 0, stdout: 'x'.repeat(5 * MIB) });
      const kube = await connect(api.credentials());
      const sink = new Writable({ write: (_chunk, _encoding, callback) => callback() });
      const socket = await new Exec(kube.kubeConfig).exec(
        'default',
        'web',
        'c',
        ['big'],
        sink,
        sink,
        null,
        false,
      );
      const refused = new Promise<Error & { code?: string }>((resolve) => socket.on('error', resolve));
      assert.equal((await refused).code, 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH');
      await new Promise((resolve) => socket.on('close', resolve));
    });
  });
});
