import assert from 'node:assert/strict';
import { test } from 'node:test';
import { identityFrom, parseOsRelease } from '../../infra/host/host-identity.js';

test('Debian, Ubuntu and their derivatives count as Debian-like; others do not', () => {
  const debian = parseOsRelease('PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_ID="12"\n');
  assert.deepEqual(identityFrom(debian, 0), {
    isRoot: true,
    osName: 'Debian GNU/Linux 12 (bookworm)',
    isDebianLike: true,
  });
  const mint = parseOsRelease("ID=linuxmint\nID_LIKE='ubuntu debian'\n");
  assert.equal(identityFrom(mint, 1000).isDebianLike, true);
  assert.equal(identityFrom(mint, 1000).isRoot, false);
  const fedora = parseOsRelease('# comment\nNAME=Fedora\nID=fedora\nPRETTY_NAME="Fedora Linux 40"\n');
  assert.deepEqual(identityFrom(fedora, 0), { isRoot: true, osName: 'Fedora Linux 40', isDebianLike: false });
  assert.equal(identityFrom({}, 0).osName, 'unknown OS');
});
