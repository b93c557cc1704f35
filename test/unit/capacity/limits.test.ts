import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InvalidSettingError } from '../../../server/capacity/errors.js';
import {
  DEFAULT_NODE_LIMITS,
  describeNodeLimits,
  formatBytes,
  readNodeLimits,
} from '../../../server/capacity/limits.js';

const GIB = 1024 ** 3;
const MIB = 1024 ** 2;
const twoCores = { memoryBytes: 24 * GIB, cores: 2 };

describe('node limits', () => {
  it('defaults: each role its memory, 4096 pids, 1.5 CPUs on a 2-core host', () => {
    const limits = readNodeLimits({}, twoCores);
    assert.deepEqual(limits['control-plane'], {
      memoryBytes: DEFAULT_NODE_LIMITS['control-plane'].memoryBytes,
      cpus: 1.5,
      pids: 4096,
    });
    assert.deepEqual(limits.worker, {
      memoryBytes: DEFAULT_NODE_LIMITS.worker.memoryBytes,
      cpus: 1.5,
      pids: 4096,
    });
    assert.ok(limits.worker.memoryBytes! < limits['control-plane'].memoryBytes!, 'a worker needs less');
  });

  it('the default CPU cap leaves a quarter of a small host to everyone else', () => {
    assert.equal(readNodeLimits({}, { memoryBytes: 8 * GIB, cores: 1 })['control-plane'].cpus, 0.75);
    assert.equal(readNodeLimits({}, { memoryBytes: 64 * GIB, cores: 16 }).worker.cpus, 1.5);
  });

  it('CKS_LAB_NODE_* set every node; 0 turns a limit off; CPUs stop at the host cores', () => {
    const limits = readNodeLimits(
      { CKS_LAB_NODE_MEMORY: '1536m', CKS_LAB_NODE_CPUS: '4', CKS_LAB_NODE_PIDS: '0' },
      twoCores,
    );
    for (const role of ['control-plane', 'worker'] as const) {
      assert.deepEqual(limits[role], { memoryBytes: 1536 * MIB, cpus: 2, pids: null });
    }
    assert.equal(readNodeLimits({ CKS_LAB_NODE_MEMORY: '1.5GiB' }, twoCores).worker.memoryBytes, 1.5 * GIB);
    assert.equal(readNodeLimits({ CKS_LAB_NODE_MEMORY: '0' }, twoCores).worker.memoryBytes, null);
    assert.equal(readNodeLimits({ CKS_LAB_NODE_CPUS: '0' }, twoCores).worker.cpus, null);
    assert.equal(readNodeLimits({ CKS_LAB_NODE_MEMORY: '' }, twoCores).worker.memoryBytes, 1 * GIB);
  });

  it('a malformed or too small value is an error naming the variable', () => {
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ CKS_LAB_NODE_MEMORY: '2' }, 'CKS_LAB_NODE_MEMORY', /invalid CKS_LAB_NODE_MEMORY="2": .*e\.g\. 2g/],
      [{ CKS_LAB_NODE_MEMORY: '100m' }, 'CKS_LAB_NODE_MEMORY', /at least 512m/],
      [{ CKS_LAB_NODE_CPUS: 'two' }, 'CKS_LAB_NODE_CPUS', /invalid CKS_LAB_NODE_CPUS="two"/],
      [{ CKS_LAB_NODE_CPUS: '0.01' }, 'CKS_LAB_NODE_CPUS', /at least 0\.1/],
      [{ CKS_LAB_NODE_PIDS: '100' }, 'CKS_LAB_NODE_PIDS', /invalid CKS_LAB_NODE_PIDS="100": .*at least 256/],
      [{ CKS_LAB_NODE_PIDS: '1e4' }, 'CKS_LAB_NODE_PIDS', /whole number/],
    ];
    for (const [env, variable, message] of cases) {
      assert.throws(
        () => readNodeLimits(env, twoCores),
        (error: unknown) =>
          error instanceof InvalidSettingError && error.variable === variable && message.test(error.message),
        JSON.stringify(env),
      );
    }
  });

  it('describes limits for people', () => {
    assert.equal(formatBytes(2 * GIB), '2 GiB');
    assert.equal(formatBytes(1.5 * GIB), '1.5 GiB');
    assert.equal(formatBytes(768 * MIB), '768 MiB');
    assert.equal(
      describeNodeLimits({ memoryBytes: 2 * GIB, cpus: 1.5, pids: 4096 }),
      '2 GiB, 1.5 CPUs, 4096 pids',
    );
    assert.equal(
      describeNodeLimits({ memoryBytes: null, cpus: 1, pids: null }),
      '1 CPU, no memory or pids limit',
    );
    assert.equal(
      describeNodeLimits({ memoryBytes: null, cpus: null, pids: null }),
      'no memory, CPU or pids limit',
    );
    assert.equal(
      describeNodeLimits({ memoryBytes: null, cpus: 2, pids: 4096 }),
      '2 CPUs, 4096 pids, no memory limit',
    );
  });
});
