import { access } from 'node:fs/promises';
import { log } from '../log.js';
import { FirewallError } from './errors.js';
import type { Iptables } from './iptables.js';
import { planFirewall, type FirewallPlan, type IpFamily } from './rules.js';

/** IPv6 needs rules only where the kernel has it; without it `ip6tables` cannot even start. */
async function families(): Promise<IpFamily[]> {
  const ipv6 = await access('/proc/net/if_inet6').then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return false;
      throw error;
    },
  );
  return ipv6 ? ['ipv4', 'ipv6'] : ['ipv4'];
}

/** How the lab firewall stands now, per IP family; changes nothing. */
export async function readLabFirewall(iptables: Iptables): Promise<FirewallPlan[]> {
  const plans: FirewallPlan[] = [];
  for (const family of await families()) plans.push(planFirewall(family, await iptables.list(family)));
  return plans;
}

// creates run concurrently (pool, parallel scenario tests): one check-and-fix at a time, so two never both
// see a jump missing and both insert it
let queue: Promise<unknown> = Promise.resolve();

/**
 * Puts the lab firewall in place where it is not (idempotent; a listing per family when nothing is missing) and
 * checks the result. Resolves to a line for progress output.
 */
export function ensureLabFirewall(iptables: Iptables): Promise<string> {
  const next = queue.then(() => ensureNow(iptables));
  queue = next.catch(() => undefined); // the failure goes to this caller; the next one tries afresh
  return next;
}

async function ensureNow(iptables: Iptables): Promise<string> {
  const fixed: string[] = [];
  for (const plan of await readLabFirewall(iptables)) {
    if (plan.inPlace) continue;
    await iptables.restore(plan.family, plan.restore);
    const after = planFirewall(plan.family, await iptables.list(plan.family));
    if (!after.inPlace) {
      throw new FirewallError(
        `the lab firewall (${plan.family}) is still not as written after setting it with ${iptables.how}: ` +
          `${after.differences.join('; ')}`,
      );
    }
    log.info({ family: plan.family, was: plan.differences }, 'lab firewall put in place');
    fixed.push(`${plan.family} (${plan.differences.join('; ')})`);
  }
  return fixed.length ? `put in place: ${fixed.join(', ')}` : 'already in place';
}
