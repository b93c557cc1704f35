import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  FORWARD_CHAIN,
  FirewallError,
  INPUT_CHAIN,
  LAB_BRIDGE_PREFIX,
  labBridgeName,
  planFirewall,
} from '../../../server/host-firewall/index.js';
import { backendOf } from '../../../server/host-firewall/iptables.js';
import { DOCKER_ONLY, FakeIptables } from './fake-iptables.js';

/** The table after the plan's restore document ran on it. */
async function applied(listing: readonly string[], family: 'ipv4' | 'ipv6' = 'ipv4'): Promise<string[]> {
  const fake = new FakeIptables(family === 'ipv4' ? listing : [], family === 'ipv6' ? listing : []);
  const plan = planFirewall(family, await fake.list(family));
  if (!plan.inPlace) await fake.restore(family, plan.restore);
  return fake.rules(family);
}

describe('lab bridge names', () => {
  test('fit a Linux interface name (15 characters) even for the longest cluster name', () => {
    const longest = `cks-${'x'.repeat(28)}`;
    assert.equal(longest.length, 32);
    const name = labBridgeName(longest);
    assert.ok(name.length <= 15, name);
    assert.ok(name.startsWith(LAB_BRIDGE_PREFIX), name);
  });

  test('differ between clusters and stay the same for one cluster', () => {
    assert.notEqual(labBridgeName('cks-aaaaaa'), labBridgeName('cks-aaaaab'));
    assert.equal(labBridgeName('cks-aaaaaa'), labBridgeName('cks-aaaaaa'));
  });
});

describe('planFirewall', () => {
  test('on a fresh Docker host: our chains, a jump from DOCKER-USER and one from INPUT, each first', async () => {
    const rules = await applied(DOCKER_ONLY);
    assert.equal(rules[0]?.startsWith(`-A INPUT -i ${LAB_BRIDGE_PREFIX}+ `), true, rules.join('\n'));
    assert.ok(rules.some((rule) => rule.startsWith(`-A DOCKER-USER -i ${LAB_BRIDGE_PREFIX}+ `)));
    assert.ok(
      rules.indexOf(rules.find((r) => r.includes(`-j ${FORWARD_CHAIN}`))!) <
        rules.indexOf('-A DOCKER-USER -j RETURN'),
      "the jump comes before Docker's RETURN",
    );
    assert.equal(planFirewall('ipv4', rules.join('\n')).inPlace, true);
  });

  test('new connections out of a lab and into this host are rejected; answers and lab-internal traffic pass', async () => {
    const rules = await applied(DOCKER_ONLY);
    const forward = rules.filter((rule) => rule.startsWith(`-A ${FORWARD_CHAIN} `));
    const input = rules.filter((rule) => rule.startsWith(`-A ${INPUT_CHAIN} `));
    assert.deepEqual(forward, [
      `-A ${FORWARD_CHAIN} -o ${LAB_BRIDGE_PREFIX}+ -j RETURN`,
      `-A ${FORWARD_CHAIN} -m conntrack --ctstate RELATED,ESTABLISHED -j RETURN`,
      `-A ${FORWARD_CHAIN} -p tcp -j REJECT --reject-with tcp-reset`,
      `-A ${FORWARD_CHAIN} -j REJECT --reject-with icmp-port-unreachable`,
    ]);
    assert.deepEqual(input, [
      `-A ${INPUT_CHAIN} -m conntrack --ctstate RELATED,ESTABLISHED -j RETURN`,
      `-A ${INPUT_CHAIN} -p tcp -j REJECT --reject-with tcp-reset`,
      `-A ${INPUT_CHAIN} -j REJECT --reject-with icmp-port-unreachable`,
    ]);
  });

  test('a rule slipped into our chain (an ACCEPT before the rejects) is flushed away', async () => {
    const fixed = await applied(DOCKER_ONLY);
    const tampered = [...fixed];
    tampered.splice(
      tampered.indexOf(`-A ${INPUT_CHAIN} -p tcp -j REJECT --reject-with tcp-reset`),
      0,
      `-A ${INPUT_CHAIN} -p tcp --dport 3000 -j ACCEPT`,
    );
    const plan = planFirewall('ipv4', tampered.join('\n'));
    assert.equal(plan.inPlace, false);
    assert.deepEqual(plan.differences, [`${INPUT_CHAIN} has other rules`]);
    assert.deepEqual(await applied(tampered), fixed.filter(Boolean));
  });

  test('a jump inserted twice (two creates at once in two processes) is brought back to one', async () => {
    const fixed = await applied(DOCKER_ONLY);
    const jump = fixed.find((rule) => rule.startsWith('-A INPUT '))!;
    const rules = await applied([jump, ...fixed]);
    assert.equal(rules.filter((rule) => rule === jump).length, 1);
    assert.equal(planFirewall('ipv4', rules.join('\n')).inPlace, true);
  });

  test('refuses when Docker runs without its iptables rules (no DOCKER-USER), naming the setting', () => {
    assert.throws(
      () => planFirewall('ipv4', '-P INPUT ACCEPT\n-P FORWARD ACCEPT\n'),
      (error: unknown) => error instanceof FirewallError && /"iptables": false/.test(error.message),
    );
  });

  test('IPv6 (which Docker leaves alone) is hooked into FORWARD and rejected with ICMPv6', async () => {
    const rules = await applied(['-P INPUT ACCEPT', '-P FORWARD ACCEPT'], 'ipv6');
    assert.ok(
      rules.some(
        (rule) => rule.startsWith(`-A FORWARD -i ${LAB_BRIDGE_PREFIX}+ `) && rule.endsWith(FORWARD_CHAIN),
      ),
    );
    assert.ok(rules.includes(`-A ${INPUT_CHAIN} -j REJECT --reject-with icmp6-port-unreachable`));
    assert.equal(planFirewall('ipv6', rules.join('\n')).inPlace, true);
  });
});

test('backendOf reads the backend from iptables --version', () => {
  assert.equal(backendOf('iptables v1.8.9 (nf_tables)\n'), 'nft');
  assert.equal(backendOf('iptables v1.8.9 (legacy)\n'), 'legacy');
  assert.equal(backendOf('iptables v1.6.1\n'), 'legacy');
});
