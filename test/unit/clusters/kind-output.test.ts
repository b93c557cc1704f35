import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  kindProgressLine,
  summarizeKindFailure,
  parseKindNames,
} from '../../../server/clusters/kind/kind-output.js';

test('parseKindNames: one name per line, never the "nothing found" notice', () => {
  assert.deepEqual(parseKindNames('cks-a\ncks-b\n\n'), ['cks-a', 'cks-b']);
  assert.deepEqual(parseKindNames('No kind clusters found.\n'), []);
  assert.deepEqual(parseKindNames('No kind nodes found for cluster "x".\n'), []);
});

test('kindProgressLine reports the steps kind starts or fails, nothing else', () => {
  assert.equal(kindProgressLine(' • Preparing nodes 📦 📦  ...'), 'Preparing nodes ...');
  assert.equal(kindProgressLine(' ✓ Preparing nodes 📦 📦 '), null);
  assert.equal(kindProgressLine(' ✗ Starting control-plane 🕹️'), 'failed: Starting control-plane');
  assert.equal(kindProgressLine('Creating cluster "lab" ...'), null);
  assert.equal(
    kindProgressLine('I1124 06:22:54.610346 138 initconfiguration.go:261] loading configuration'),
    null,
  );
  assert.equal(kindProgressLine('WARNING: Here be dragons! This is not supported currently.'), null);
});

test('summarizeKindFailure keeps the ERROR line and kubeadm messages, drops stacks and klog info', () => {
  const output = [
    'Creating cluster "try1" ...',
    ' • Starting control-plane 🕹️  ...',
    ' ✗ Starting control-plane 🕹️',
    'ERROR: failed to create cluster: failed to init node with kubeadm: command "docker exec --privileged try1-control-plane kubeadm init" failed with error: exit status 1',
    'Command Output: I1124 06:22:54.610346     138 initconfiguration.go:261] loading configuration',
    'I1124 06:27:04.192823     138 round_trippers.go:560] GET https://try1-control-plane:6443/healthz?timeout=10s  in 0 milliseconds',
    '[api-check] The API server is not healthy after 4m0.000302025s',
    '',
    'Unfortunately, an error has occurred:',
    'could not initialize a Kubernetes cluster',
    'k8s.io/kubernetes/cmd/kubeadm/app/cmd/phases/init.runWaitControlPlanePhase.func1',
    '\tk8s.io/kubernetes@v1.32.6/cmd/kubeadm/app/cmd/phases/init/waitcontrolplane.go:112',
    'runtime.goexit',
    '\truntime/asm_amd64.s:1771',
    'error execution phase wait-control-plane',
  ].join('\n');
  const summary = summarizeKindFailure(output).split('\n');
  assert.match(summary[0]!, /^ERROR: failed to create cluster: failed to init node with kubeadm/);
  assert.ok(summary.includes('[api-check] The API server is not healthy after 4m0.000302025s'));
  assert.ok(summary.includes('error execution phase wait-control-plane'));
  assert.ok(
    !summary.some((line) => /\.go:\d+|goexit|round_trippers|asm_amd64/.test(line)),
    summary.join('\n'),
  );
  assert.ok(
    !summary.some((line) => /Creating cluster|Starting control-plane/.test(line)),
    summary.join('\n'),
  );
});

test('summarizeKindFailure keeps at most the last 30 lines after the ERROR line', () => {
  const many = Array.from({ length: 100 }, (_, i) => `line ${i}`);
  const summary = summarizeKindFailure(['ERROR: boom', ...many].join('\n')).split('\n');
  assert.equal(summary.length, 31);
  assert.equal(summary[0], 'ERROR: boom');
  assert.equal(summary[30], 'line 99');
});
