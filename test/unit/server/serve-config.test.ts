import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultMaxLabs } from '../../../server/capacity/lab-capacity.js';
import { readServeConfig } from '../../../server/cli/commands/serve-config.js';

describe('serve configuration', () => {
  it('defaults to port 3000, localhost only, as many labs as the host carries, ./data', () => {
    const config = readServeConfig({}, {});
    assert.equal(config.port, 3000);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.lab.maxLabs, defaultMaxLabs({}));
    assert.equal(config.allowedOrigins, null);
    assert.match(config.dataDir, /\/data$/);
  });

  it('reads PORT, CKS_LAB_MAX_LABS and allowed origins; --port wins over PORT', () => {
    const config = readServeConfig(
      {
        PORT: '8080',
        CKS_LAB_MAX_LABS: '5',
        CKS_LAB_ALLOWED_ORIGINS: 'http://lab.example:3000, https://b.example',
      },
      { port: '9000' },
    );
    assert.equal(config.port, 9000);
    assert.equal(config.lab.maxLabs, 5);
    assert.deepEqual(config.allowedOrigins, ['http://lab.example:3000', 'https://b.example']);
  });

  it('records terminals into the data dir by default; the limits and the off switch are read', () => {
    const on = readServeConfig({ CKS_LAB_DATA_DIR: '/srv/cks' }, {});
    assert.deepEqual(on.recording, {
      dir: '/srv/cks/recordings',
      maxBytes: 10 * 1048576,
      retentionDays: 30,
    });
    const tuned = readServeConfig({ CKS_LAB_RECORDING_MAX_MB: '2', CKS_LAB_RECORDING_DAYS: '7' }, {});
    assert.equal(tuned.recording?.maxBytes, 2 * 1048576);
    assert.equal(tuned.recording?.retentionDays, 7);
    assert.equal(readServeConfig({ CKS_LAB_RECORDING: 'off' }, {}).recording, undefined);
    assert.throws(
      () => readServeConfig({ CKS_LAB_RECORDING: 'no' }, {}),
      /CKS_LAB_RECORDING="no": use on or off/,
    );
  });

  it('names the variable on a bad value', () => {
    assert.throws(() => readServeConfig({ CKS_LAB_MAX_LABS: 'two' }, {}), /invalid CKS_LAB_MAX_LABS="two"/);
    assert.throws(
      () => readServeConfig({ PORT: '70000' }, {}),
      /invalid PORT="70000": use a whole number from 0 to 65535/,
    );
    assert.throws(
      () => readServeConfig({ CKS_LAB_NODE_MEMORY: 'lots' }, {}),
      /invalid CKS_LAB_NODE_MEMORY="lots": use a size of at least 512m/,
    );
    assert.throws(
      () => readServeConfig({ CKS_LAB_ALLOWED_ORIGINS: 'http://a.example/path' }, {}),
      /CKS_LAB_ALLOWED_ORIGINS entry 1 .*give only scheme:\/\/host\[:port\]/,
    );
  });

  it('trusts no proxy by default, and never "every address" (X-Forwarded-For would pick the rate-limit key)', () => {
    assert.equal(readServeConfig({}, {}).trustProxy, false);
    assert.deepEqual(readServeConfig({ CKS_LAB_TRUST_PROXY: 'loopback, 10.0.0.0/8' }, {}).trustProxy, [
      'loopback',
      '10.0.0.0/8',
    ]);
    assert.equal(readServeConfig({ CKS_LAB_TRUST_PROXY: 'loopback' }, { trustProxy: '1' }).trustProxy, 1);
    assert.throws(
      () => readServeConfig({ CKS_LAB_TRUST_PROXY: 'true' }, {}),
      /invalid CKS_LAB_TRUST_PROXY="true": trusting every address .*dodge the sign-in rate limit/,
    );
    assert.throws(
      () => readServeConfig({}, { trustProxy: 'proxy.example' }),
      /invalid --trust-proxy entry 1 "proxy.example"/,
    );
  });

  it('answers to the configured host names, the hosts of allowed origins and a --host name', () => {
    assert.deepEqual(readServeConfig({}, {}).allowedHosts, []);
    const config = readServeConfig(
      {
        CKS_LAB_ALLOWED_HOSTS: 'Lab.Example.org, cks.local.',
        CKS_LAB_ALLOWED_ORIGINS: 'https://proxy.example.org',
      },
      { host: 'workshop-box' },
    );
    assert.deepEqual(config.allowedHosts, [
      'lab.example.org',
      'cks.local',
      'proxy.example.org',
      'workshop-box',
    ]);
    assert.deepEqual(readServeConfig({}, { host: '0.0.0.0' }).allowedHosts, [], 'an address is no name');
    assert.throws(
      () => readServeConfig({}, { allowedHosts: 'http://lab.example.org:3000' }),
      /invalid --allowed-hosts entry 1 .*host names only/,
    );
  });
});
