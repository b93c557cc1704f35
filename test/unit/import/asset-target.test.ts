import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assetDestination, modeFromChmod } from '../../../server/import/asset-target.js';

describe('asset chmod and target', () => {
  it('turns chmod into an octal mode', () => {
    assert.equal(modeFromChmod(undefined), '0644');
    assert.equal(modeFromChmod('+x'), '0755');
    assert.equal(modeFromChmod('a+x'), '0755');
    assert.equal(modeFromChmod('u+x'), '0744');
    assert.equal(modeFromChmod('600'), '0600');
    assert.equal(modeFromChmod('0700'), '0700');
  });

  it('refuses a chmod it does not understand', () => {
    assert.throws(() => modeFromChmod('g-w'), /not understood/);
    assert.throws(() => modeFromChmod('999'), /not understood/);
  });

  it('puts the file into the target folder, with ~ as /root', () => {
    assert.equal(assetDestination('/usr/local/bin', 'assets/tool.sh'), '/usr/local/bin/tool.sh');
    assert.equal(assetDestination('~', 'assets/a.yaml'), '/root/a.yaml');
    assert.equal(assetDestination('~/manifests', 'assets/sub/a.yaml'), '/root/manifests/a.yaml');
  });

  it('refuses relative targets and ".."', () => {
    assert.throws(() => assetDestination('root', 'assets/a'), /absolute folder/);
    assert.throws(() => assetDestination('/etc/../root', 'assets/a'), /without "\.\."/);
  });
});
