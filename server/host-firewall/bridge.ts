import { createHash } from 'node:crypto';

/**
 * Every lab network's Linux bridge is named with this prefix, so the host firewall matches all of them with one
 * wildcard (`-i cksl+`): the rules exist before a lab's first packet, and nothing per lab has to be added or removed.
 */
export const LAB_BRIDGE_PREFIX = 'cksl-';

/** Linux interface names hold at most 15 characters. */
const IFNAMSIZ = 15;

/**
 * The bridge of a cluster's Docker network: the prefix and a hash of the cluster name (cluster names are up to 32
 * characters, too long for an interface). Docker refuses a network whose bridge name is taken, so a collision
 * fails loudly instead of sharing a bridge.
 */
export function labBridgeName(cluster: string): string {
  const hash = createHash('sha256').update(cluster).digest('hex');
  return `${LAB_BRIDGE_PREFIX}${hash.slice(0, IFNAMSIZ - LAB_BRIDGE_PREFIX.length)}`;
}
