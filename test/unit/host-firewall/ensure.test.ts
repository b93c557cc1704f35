import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ensureLabFirewall } from '../../../server/host-firewall/index.js';
import { FakeIptables } from './fake-iptables.js';

test('ensure is idempotent: a second call finds everything in place and changes nothing', async () => {
  const fake = new FakeIptables();
  assert.match(await ensureLabFirewall(fake), /^put in place: ipv4/);
  const count = fake.restores.length;
  assert.equal(await ensureLabFirewall(fake), 'already in place');
  assert.equal(fake.restores.length, count);
});

test('creates at once (pool refill, parallel scenario tests) insert each jump once, not once each', async () => {
  const fake = new FakeIptables();
  await Promise.all([ensureLabFirewall(fake), ensureLabFirewall(fake), ensureLabFirewall(fake)]);
  const jumps = fake
    .rules('ipv4')
    .filter((rule) => rule.startsWith('-A INPUT ') || rule.startsWith('-A DOCKER-USER -i'));
  assert.equal(jumps.length, 2, jumps.join('\n'));
});

test('a rule that iptables did not keep as written is an error, not a silent pass', async () => {
  const fake = new FakeIptables();
  // an iptables that drops the comment match prints rules differently: the check after restoring must notice
  fake.restore = async (family, document) => {
    fake.restores.push({ family, document });
    await FakeIptables.prototype.restore.call(
      fake,
      family,
      document.replace(/ -m comment --comment "[^"]*"/g, ''),
    );
  };
  await assert.rejects(ensureLabFirewall(fake), /still not as written/);
});
