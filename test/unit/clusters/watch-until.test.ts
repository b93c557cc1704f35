import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { KubeConfig, type V1Node } from '@kubernetes/client-node';
import { Deadline } from '../../../server/clusters/kind/deadline.js';
import { waitForNodesReady } from '../../../server/clusters/kind/readiness.js';

// A tiny stand-in for the API server's list and watch endpoints: exercises the list → watch → re-list logic only.
// Real clusters are tested in test/cluster.
function node(name: string, ready: boolean): V1Node {
  return {
    metadata: { name, uid: name, resourceVersion: '1' },
    status: {
      conditions: [
        {
          type: 'Ready',
          status: ready ? 'True' : 'False',
          reason: ready ? 'KubeletReady' : 'KubeletNotReady',
        },
      ],
    },
  };
}

let server: Server;
let scenario: 'becomes-ready' | 'never-ready' | 'flaky-list' = 'becomes-ready';
let listCalls = 0;

function kubeConfigFor(srv: Server): KubeConfig {
  const { port } = srv.address() as AddressInfo;
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [{ name: 'c', server: `http://127.0.0.1:${port}`, skipTLSVerify: true }],
    users: [{ name: 'u' }],
    contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
    currentContext: 'x',
  });
  return kubeConfig;
}

before(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname !== '/api/v1/nodes') return void res.writeHead(404).end();
    res.setHeader('content-type', 'application/json');
    if (url.searchParams.get('watch') !== 'true') {
      listCalls += 1;
      if (scenario === 'flaky-list' && listCalls === 1) return void res.writeHead(503).end('{}');
      const items = scenario === 'flaky-list' ? [node('n1', true)] : [node('n1', true), node('n2', false)];
      return void res.end(JSON.stringify({ kind: 'NodeList', metadata: { resourceVersion: '7' }, items }));
    }
    assert.equal(url.searchParams.get('resourceVersion'), '7');
    res.writeHead(200);
    if (scenario === 'becomes-ready') {
      res.write(`${JSON.stringify({ type: 'MODIFIED', object: node('n2', false) })}\n`);
      setTimeout(() => res.write(`${JSON.stringify({ type: 'MODIFIED', object: node('n2', true) })}\n`), 50);
    }
    // the connection stays open, as a real watch does, until the client goes away
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});

after(() => {
  server.closeAllConnections();
  server.close();
});

test('resolves when a watch event makes the last node Ready', async () => {
  scenario = 'becomes-ready';
  const started = Date.now();
  await waitForNodesReady(kubeConfigFor(server), 2, Deadline.in(10_000));
  assert.ok(Date.now() - started < 5000);
});

test('times out at the deadline saying which node is not Ready', async () => {
  scenario = 'never-ready';
  // Long enough that the first list answers even when CI runs many test files at once on 2 cores (a 300 ms deadline
  // once expired before the list did, and the error named the API server instead of the node).
  await assert.rejects(
    waitForNodesReady(kubeConfigFor(server), 2, Deadline.in(2000)),
    /timed out waiting for 2 node\(s\) to be Ready: n2: Ready=False \(KubeletNotReady\)/,
  );
});

test('retries when the API server is not answering yet', async () => {
  scenario = 'flaky-list';
  listCalls = 0;
  await waitForNodesReady(kubeConfigFor(server), 1, Deadline.in(10_000));
  assert.equal(listCalls, 2);
});
