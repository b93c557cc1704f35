import assert from 'node:assert/strict';
import { test } from 'node:test';
import { kubeletErrors, plainConsole } from '../../../server/clusters/kind/node-diagnostics.js';

test('kubeletErrors keeps the latest distinct error lines only', () => {
  const journal = [
    'I1124 06:27:32.583325     242 kubelet.go:2382] "Starting kubelet main sync loop"',
    'E1124 06:27:44.807843     242 kuberuntime_sandbox.go:72] "Failed to create sandbox for pod" err="runc create failed"',
    'E1124 06:27:45.100000     242 kubelet_node_status.go:107] "Unable to register node with API server"',
    'E1124 06:27:46.765356     242 kuberuntime_sandbox.go:72] "Failed to create sandbox for pod" err="runc create failed"',
    'W1124 06:27:47.000000     242 reflector.go:569] failed to list *v1.RuntimeClass',
  ].join('\n');
  const errors = kubeletErrors(journal, 5);
  assert.equal(errors.length, 2);
  assert.match(errors[0]!, /Unable to register node/);
  assert.match(errors[1]!, /^E1124 06:27:46\.765356 .*Failed to create sandbox/);
  assert.equal(kubeletErrors(journal, 1).length, 1);
  assert.deepEqual(kubeletErrors('no errors here', 5), []);
});

test('plainConsole strips colours and spinner redraws', () => {
  const log =
    '[\u001b[0;32m  OK  \u001b[0m] Started ssh.service\r\n\u001b[K[\u001b[0;31m*\u001b[0m] Job running\r\n\n';
  assert.equal(plainConsole(log), '[  OK  ] Started ssh.service\n[*] Job running');
});
