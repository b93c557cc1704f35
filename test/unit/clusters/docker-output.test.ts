import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  parseByteSize,
  parseMemoryUsage,
  parseNetworkGateway,
  parseVolumeNames,
} from '../../../server/clusters/kind/docker-output.js';

describe('parseVolumeNames', () => {
  test('keeps named and anonymous volumes, drops binds and tmpfs, de-duplicates', () => {
    const output = [
      JSON.stringify([
        { Type: 'volume', Name: '3f2a', Destination: '/var' },
        { Type: 'bind', Source: '/lib/modules', Destination: '/lib/modules' },
      ]),
      JSON.stringify([{ Type: 'volume', Name: '9c1d', Destination: '/var' }, { Type: 'tmpfs' }]),
      JSON.stringify([{ Type: 'volume', Name: '3f2a', Destination: '/data' }]),
      'null',
    ].join('\n');
    assert.deepEqual(parseVolumeNames(output), ['3f2a', '9c1d']);
  });
});

describe('parseMemoryUsage', () => {
  test('reads docker stats lines', () => {
    const usage = parseMemoryUsage('lab-control-plane\t612.4MiB / 23.47GiB\nlab-worker\t1.5GiB / 23.47GiB\n');
    assert.equal(usage.get('lab-control-plane'), Math.round(612.4 * 1024 ** 2));
    assert.equal(usage.get('lab-worker'), Math.round(1.5 * 1024 ** 3));
  });
  test('refuses a line it does not understand', () => {
    assert.throws(() => parseMemoryUsage('lab-worker --'), /unrecognised docker stats line/);
  });
});

test('parseByteSize understands decimal and binary units', () => {
  assert.equal(parseByteSize('0B'), 0);
  assert.equal(parseByteSize('2kB'), 2000);
  assert.equal(parseByteSize('3KiB'), 3072);
  assert.throws(() => parseByteSize('12 parsecs'), /unrecognised size/);
});

describe('parseNetworkGateway', () => {
  test('returns the IPv4 gateway, skipping IPv6', () => {
    const inspect = JSON.stringify([
      {
        Name: 'kind-lab',
        IPAM: {
          Config: [
            { Subnet: 'fc00:f853::/64', Gateway: 'fc00:f853::1' },
            { Subnet: '172.19.0.0/16', Gateway: '172.19.0.1' },
          ],
        },
      },
    ]);
    assert.equal(parseNetworkGateway(inspect), '172.19.0.1');
  });
  test('null when the network has no IPv4 gateway', () => {
    assert.equal(parseNetworkGateway(JSON.stringify([{ IPAM: { Config: null } }])), null);
  });
});
