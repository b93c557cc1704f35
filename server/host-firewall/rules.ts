import { LAB_BRIDGE_PREFIX } from './bridge.js';
import { FirewallError } from './errors.js';

export type IpFamily = 'ipv4' | 'ipv6';

/** Packets leaving a lab's bridge for anywhere but a lab bridge (the internet, cloud metadata, other networks). */
export const FORWARD_CHAIN = 'CKS-LAB-FORWARD';
/** Packets from a lab's bridge to one of this host's own addresses (the lab server, SSH, anything listening). */
export const INPUT_CHAIN = 'CKS-LAB-INPUT';

const LAB_BRIDGES = `${LAB_BRIDGE_PREFIX}+`;

/** The contents of our two chains, exactly as `iptables -S` prints them (so a listing can be compared). */
export function chainRules(family: IpFamily): Record<typeof FORWARD_CHAIN | typeof INPUT_CHAIN, string[]> {
  const unreachable = family === 'ipv4' ? 'icmp-port-unreachable' : 'icmp6-port-unreachable';
  // rejected, not dropped: a learner's curl fails at once instead of hanging until its timeout
  const reject = [`-p tcp -j REJECT --reject-with tcp-reset`, `-j REJECT --reject-with ${unreachable}`];
  // answers to connections made into the lab (the grader's API calls, published ports) must get out
  const answers = '-m conntrack --ctstate RELATED,ESTABLISHED -j RETURN';
  return {
    [FORWARD_CHAIN]: [
      // within the lab's own network (node to node, bridged through netfilter); between two labs Docker's
      // isolation chains, which run after DOCKER-USER, still drop it
      `-o ${LAB_BRIDGES} -j RETURN`,
      answers,
      ...reject,
    ].map((rule) => `-A ${FORWARD_CHAIN} ${rule}`),
    [INPUT_CHAIN]: [answers, ...reject].map((rule) => `-A ${INPUT_CHAIN} ${rule}`),
  };
}

/** Where a family's forwarded traffic is filtered: Docker's DOCKER-USER when Docker manages that family. */
function forwardHook(family: IpFamily, hasDockerUser: boolean): string {
  if (!hasDockerUser && family === 'ipv4') {
    throw new FirewallError(
      "Docker's DOCKER-USER chain is missing from iptables, so Docker runs without its firewall rules " +
        '("iptables": false in /etc/docker/daemon.json?) and lab networks cannot be isolated: remove that setting ' +
        'and restart Docker',
    );
  }
  // Docker leaves ip6tables alone unless told otherwise; then FORWARD itself is ours to hook into
  const chain = hasDockerUser ? 'DOCKER-USER' : 'FORWARD';
  return `-A ${chain} -i ${LAB_BRIDGES} -m comment --comment "cks-lab: lab networks get no new connections out" -j ${FORWARD_CHAIN}`;
}

function inputHook(): string {
  return `-A INPUT -i ${LAB_BRIDGES} -m comment --comment "cks-lab: lab networks cannot reach this host" -j ${INPUT_CHAIN}`;
}

export interface FirewallPlan {
  family: IpFamily;
  /** Everything is there exactly once, with the expected contents. */
  inPlace: boolean;
  /**
   * An iptables-restore --noflush document that puts it in place in one transaction: it redeclares (flushes) and
   * refills our chains, inserts missing hooks first in their chains and drops duplicates. Empty when in place.
   */
  restore: string;
  /** What was wrong, for logs and doctor. */
  differences: string[];
}

/** Compares `iptables -S` (filter table) with the lab firewall and says how to put it in place. */
export function planFirewall(family: IpFamily, listing: string): FirewallPlan {
  const lines = listing.split('\n').map((line) => line.trim());
  const hasDockerUser = lines.includes('-N DOCKER-USER');
  const hooks = [forwardHook(family, hasDockerUser), inputHook()];
  const chains = chainRules(family);
  const differences: string[] = [];
  const body: string[] = [];
  for (const [chain, rules] of Object.entries(chains)) {
    const present = lines.filter((line) => line.startsWith(`-A ${chain} `));
    if (present.join('\n') !== rules.join('\n')) {
      differences.push(lines.includes(`-N ${chain}`) ? `${chain} has other rules` : `no ${chain} chain`);
    }
    body.push(...rules);
  }
  const hookLines: string[] = [];
  for (const hook of hooks) {
    const count = lines.filter((line) => line === hook).length;
    const [, chain] = hook.split(' ');
    if (count === 0) {
      differences.push(`no jump from ${chain ?? '?'} to our chain`);
      hookLines.push(hook.replace(/^-A (\S+)/, '-I $1 1'));
    }
    for (let extra = 1; extra < count; extra++) {
      differences.push(`a second jump from ${chain ?? '?'}`);
      hookLines.push(hook.replace(/^-A/, '-D'));
    }
  }
  if (differences.length === 0) return { family, inPlace: true, restore: '', differences };
  const declarations = Object.keys(chains).map((chain) => `:${chain} - [0:0]`);
  const restore = ['*filter', ...declarations, ...body, ...hookLines, 'COMMIT', ''].join('\n');
  return { family, inPlace: false, restore, differences };
}
