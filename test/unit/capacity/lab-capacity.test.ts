import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  defaultMaxLabs,
  describeCapacity,
  labCapacity,
  memoryReserve,
} from '../../../server/capacity/lab-capacity.js';
import { readNodeLimits } from '../../../server/capacity/limits.js';
import { MEASURED_LAB_COST } from '../../../server/capacity/measured.js';
import type { HostResources } from '../../../server/capacity/types.js';

const GIB = 1024 ** 3;

function capacity(host: HostResources, env: NodeJS.ProcessEnv = {}, nodes: 1 | 2 = 1) {
  return labCapacity(host, readNodeLimits(env, host), nodes);
}

describe('lab capacity', () => {
  it("memory bound: what is left after the reserve, divided by one lab's memory limit", () => {
    const host = { memoryBytes: 64 * GIB, cores: 64 };
    const one = capacity(host);
    assert.equal(one.reserveBytes, Math.round(6.4 * GIB));
    assert.equal(one.labMemoryBytes, one.nodeLimits[0]!.memoryBytes);
    assert.equal(one.byMemory, Math.floor(((64 - 6.4) * GIB) / one.labMemoryBytes));
    assert.equal(one.maxLabs, one.byMemory, 'many cores: memory decides');
    const two = capacity(host, {}, 2);
    assert.equal(two.labMemoryBytes, two.nodeLimits[0]!.memoryBytes! + two.nodeLimits[1]!.memoryBytes!);
    assert.ok(two.maxLabs < one.maxLabs);
  });

  it('CPU bound: idle labs may take a quarter of the cores', () => {
    const host = { memoryBytes: 256 * GIB, cores: 2 };
    const result = capacity(host);
    assert.equal(result.byCpu, Math.floor(0.5 / MEASURED_LAB_COST.idle[1].cpus));
    assert.equal(result.maxLabs, result.byCpu, 'much memory, few cores: CPU decides');
    assert.equal(
      capacity({ memoryBytes: 256 * GIB, cores: 4 }).byCpu,
      Math.floor(1 / MEASURED_LAB_COST.idle[1].cpus),
    );
  });

  it('the reserve is at least 2 GiB', () => {
    assert.equal(memoryReserve({ memoryBytes: 8 * GIB, cores: 2 }), 2 * GIB);
  });

  it('always at least one lab, even on a host too small for one at its limit', () => {
    const tiny = capacity({ memoryBytes: 2 * GIB, cores: 1 });
    assert.equal(tiny.byMemory, 0);
    assert.equal(tiny.maxLabs, 1);
  });

  it('without a memory limit, a lab counts at its measured busy cost', () => {
    const result = capacity({ memoryBytes: 24 * GIB, cores: 64 }, { CKS_LAB_NODE_MEMORY: '0' });
    assert.equal(result.memoryLimited, false);
    assert.equal(result.labMemoryBytes, MEASURED_LAB_COST.busy[1].memoryBytes);
    assert.match(
      describeCapacity(result),
      /limited to 1\.5 CPUs, 4096 pids, no memory limit; memory allows \d+ at [\d.]+ [GM]iB each \(measured busy lab\)/,
    );
  });

  it('says so when every limit is off', () => {
    const off = { CKS_LAB_NODE_MEMORY: '0', CKS_LAB_NODE_CPUS: '0', CKS_LAB_NODE_PIDS: '0' };
    assert.match(
      describeCapacity(capacity({ memoryBytes: 24 * GIB, cores: 2 }, off)),
      /\(no node limits; memory allows/,
    );
  });

  it('smaller node limits fit more labs', () => {
    const host = { memoryBytes: 24 * GIB, cores: 64 };
    assert.ok(capacity(host, { CKS_LAB_NODE_MEMORY: '1g' }).maxLabs > capacity(host).maxLabs);
  });

  it('says what it computed and why', () => {
    const host = { memoryBytes: 24 * GIB, cores: 2 };
    const result = capacity(host);
    assert.equal(
      describeCapacity(result),
      `24 GiB, 2 cores → up to ${result.maxLabs} labs of 1 node (each limited to 2 GiB, 1.5 CPUs, 4096 pids; ` +
        `memory allows ${result.byMemory}, CPU ${result.byCpu})`,
    );
    assert.match(
      describeCapacity(capacity(host, {}, 2)),
      /labs of 2 nodes \(each limited to 2 GiB, .* \+ 1 GiB, /,
    );
  });

  it("the default cap follows the environment's limits", () => {
    const host = { memoryBytes: 24 * GIB, cores: 64 };
    assert.equal(defaultMaxLabs({}, host), capacity(host).maxLabs);
    assert.equal(
      defaultMaxLabs({ CKS_LAB_NODE_MEMORY: '1g' }, host),
      capacity(host, { CKS_LAB_NODE_MEMORY: '1g' }).maxLabs,
    );
  });
});
