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
});
