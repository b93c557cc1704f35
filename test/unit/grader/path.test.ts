import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePath, PathSyntaxError, resolvePath } from '../../../grader/value/path.js';

const pod = {
  metadata: { labels: { 'pod-security.kubernetes.io/enforce': 'baseline', app: 'web' } },
  spec: {
    containers: [
      {
        name: 'app',
        image: 'nginx:1.25',
        securityContext: { runAsNonRoot: true },
        ports: [{ containerPort: 80 }],
      },
      { name: 'sidecar', image: 'busybox', ports: [{ containerPort: 9000 }, { containerPort: 9001 }] },
    ],
  },
  status: {
    conditions: [
      { type: 'Initialized', status: 'True' },
      { type: 'Ready', status: 'False' },
    ],
  },
};

describe('jsonpath-ish paths', () => {
  it('follows keys and indexes, with an optional $ / leading dot / kubectl braces', () => {
    for (const path of [
      'spec.containers[0].image',
      '$.spec.containers[0].image',
      '{.spec.containers[0].image}',
    ]) {
      assert.deepEqual(resolvePath(pod, path), { many: false, value: 'nginx:1.25' });
    }
    assert.deepEqual(resolvePath(pod, 'spec.containers[-1].name'), { many: false, value: 'sidecar' });
  });

  it('reads keys with dots and slashes through brackets', () => {
    assert.equal(
      (resolvePath(pod, 'metadata.labels["pod-security.kubernetes.io/enforce"]') as { value: unknown }).value,
      'baseline',
    );
    assert.equal((resolvePath(pod, "metadata.labels['app']") as { value: unknown }).value, 'web');
  });

  it('wildcards give one value per element, not set where the element lacks the field, nested ones flattened', () => {
    assert.deepEqual(resolvePath(pod, 'spec.containers[*].securityContext.runAsNonRoot'), {
      many: true,
      values: [true, undefined],
    });
    assert.deepEqual(resolvePath(pod, 'spec.containers[*].ports[*].containerPort'), {
      many: true,
      values: [80, 9000, 9001],
    });
  });

  it('filters select the first element whose field equals the literal', () => {
    assert.equal(
      (resolvePath(pod, 'status.conditions[?(@.type=="Ready")].status') as { value: unknown }).value,
      'False',
    );
    assert.equal(
      (resolvePath(pod, 'status.conditions[?(@.type=="Missing")].status') as { value: unknown }).value,
      undefined,
    );
  });

  it('missing parts resolve to not set instead of throwing', () => {
    assert.deepEqual(resolvePath(pod, 'spec.hostPID'), { many: false, value: undefined });
    assert.deepEqual(resolvePath(pod, 'spec.containers[7].name'), { many: false, value: undefined });
    assert.deepEqual(resolvePath(pod, 'metadata.name[*]'), { many: false, value: undefined });
  });

  it('rejects malformed paths and says where', () => {
    assert.throws(
      () => parsePath('spec..x'),
      (e: unknown) => e instanceof PathSyntaxError && /character 6/.test(e.message),
    );
    assert.throws(() => parsePath('spec.containers[abc]'), /expected \[N\], \[\*\]/);
    assert.throws(() => parsePath(''), /empty path/);
  });
});
