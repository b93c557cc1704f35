import { isIP } from 'node:net';
import type { TrustProxySetting } from '../../app.js';
import { UserError } from '../user-error.js';

const PROXY_KEYWORDS = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * --trust-proxy / CKS_LAB_TRUST_PROXY: off (default), a hop count, or proxy addresses/subnets and the keywords
 * loopback, linklocal, uniquelocal. "true" (trust anyone) is refused: any client could then name its own address in
 * X-Forwarded-For and step around the per-address sign-in rate limit.
 */
export function parseTrustProxy(raw: string | undefined, source: string): TrustProxySetting {
  const value = raw?.trim().toLowerCase() ?? '';
  if (value === '' || value === 'off' || value === 'false' || value === '0') return false;
  const example = 'e.g. loopback, 10.0.0.5, 10.0.0.0/8 or a hop count such as 1';
  if (value === 'true' || value === 'all') {
    throw new UserError(
      `invalid ${source}="${raw}": trusting every address lets any client pick its own X-Forwarded-For and dodge the sign-in rate limit; name the proxy instead, ${example}`,
      2,
    );
  }
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops > 10) throw new UserError(`invalid ${source}="${raw}": use a hop count from 1 to 10`, 2);
    return hops;
  }
  return value.split(',').map((item, index) => {
    const entry = item.trim();
    const [address, bits, extra] = entry.split('/');
    const family = isIP(address ?? '');
    const prefixOk = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32));
    if (!PROXY_KEYWORDS.has(entry) && (family === 0 || !prefixOk || extra !== undefined)) {
      throw new UserError(
        `invalid ${source} entry ${index + 1} "${entry}": give a proxy address, subnet or keyword, ${example}`,
        2,
      );
    }
    return entry;
  });
}

/**
 * The Host names the server answers to besides localhost and IP literals: --allowed-hosts / CKS_LAB_ALLOWED_HOSTS,
 * the hosts of CKS_LAB_ALLOWED_ORIGINS, and --host when it is a name.
 */
export function parseAllowedHosts(
  raw: string | undefined,
  source: string,
  implied: { origins: readonly string[] | null; listenHost: string },
): string[] {
  const names = new Set<string>();
  for (const [index, item] of (raw ?? '').split(',').entries()) {
    const name = item.trim().toLowerCase().replace(/\.$/, '');
    if (!name) continue;
    if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(name)) {
      throw new UserError(
        `invalid ${source} entry ${index + 1} "${item.trim()}": give host names only (no scheme or port), e.g. lab.example.org`,
        2,
      );
    }
    names.add(name);
  }
  for (const origin of implied.origins ?? []) names.add(new URL(origin).hostname.toLowerCase());
  if (isIP(implied.listenHost) === 0) names.add(implied.listenHost.toLowerCase());
  return [...names].filter((name) => isIP(name.replace(/^\[|\]$/g, '')) === 0);
}
