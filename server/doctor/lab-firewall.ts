import { nodeImageTag } from '../../infra/node-image/tag.js';
import { FirewallError, iptablesFor, readLabFirewall } from '../host-firewall/index.js';
import { ENGINE_CHECK } from './docker-engine.js';
import { blockedBy, HOST_PREPARE, type CheckResult, type DoctorContext } from './types.js';

const NAME = 'lab firewall';

/**
 * The host firewall that keeps labs from the internet, cloud metadata and this host's ports. Every cluster create
 * puts it in place, so its absence only warns; not being able to read it fails, as creates would fail too.
 */
export async function checkLabFirewall(ctx: DoctorContext): Promise<CheckResult> {
  if (!ctx.engine.reachable) return blockedBy(NAME, ENGINE_CHECK);
  try {
    const iptables = await iptablesFor({ image: await nodeImageTag() });
    const plans = await readLabFirewall(iptables);
    const missing = plans.filter((plan) => !plan.inPlace);
    if (!missing.length) {
      return { name: NAME, ok: true, detail: `in place (${plans.map((plan) => plan.family).join(', ')})` };
    }
    return {
      name: NAME,
      ok: false,
      advisory: true,
      detail: `not in place: ${missing.map((plan) => `${plan.family}: ${plan.differences.join('; ')}`).join(', ')}`,
      fix: `${HOST_PREPARE} (every cluster create puts it in place as well)`,
    };
  } catch (error) {
    if (!(error instanceof FirewallError)) throw error;
    return { name: NAME, ok: false, detail: error.message, fix: `${HOST_PREPARE}, then run doctor again` };
  }
}
