import { isIP } from 'node:net';
import type { RequestHandler } from 'express';
import { errorBody } from './errors.js';

/**
 * The Host names this server answers to, against DNS rebinding: a page on evil.example whose name starts resolving
 * to this machine sends `Host: evil.example`, and is refused. Always allowed: localhost and *.localhost (browsers
 * resolve them to loopback themselves) and IP literals (a page whose origin is an IP address has no name to rebind).
 * Anything else must be configured (CKS_LAB_ALLOWED_HOSTS / --allowed-hosts, and the hosts of allowed origins).
 */
export class HostAllowList {
  private readonly names: ReadonlySet<string>;

  constructor(names: readonly string[]) {
    this.names = new Set(names.map((name) => name.toLowerCase().replace(/\.$/, '')));
  }

  /** Whether a Host header (name or address, with or without a port) names this server. */
  allows(hostHeader: string | undefined): boolean {
    const name = hostnameOf(hostHeader);
    if (!name) return false;
    if (isIP(name) !== 0) return true;
    if (name === 'localhost' || name.endsWith('.localhost')) return true;
    return this.names.has(name);
  }
}

/** "Lab.Example:3000" → "lab.example"; "[::1]:3000" → "::1"; undefined when there is nothing usable. */
export function hostnameOf(hostHeader: string | undefined): string | undefined {
  if (!hostHeader) return undefined;
  const value = hostHeader.trim().toLowerCase();
  const bracketed = /^\[([0-9a-f:.]+)\](?::\d+)?$/.exec(value);
  if (bracketed?.[1]) return bracketed[1];
  const plain = /^([a-z0-9.-]+)(?::\d+)?$/.exec(value);
  return plain?.[1]?.replace(/\.$/, '') || undefined;
}

export function unknownHostMessage(hostHeader: string | undefined): string {
  const name = hostnameOf(hostHeader);
  return name
    ? `This cks-lab server does not answer to the name "${name}". If that is how people reach it, start it with --allowed-hosts ${name} (or CKS_LAB_ALLOWED_HOSTS=${name}).`
    : 'This request has no usable Host header.';
}

/** First middleware of the app: a request for a name this server does not serve gets 421 and stops here. */
export function refuseUnknownHosts(allowList: HostAllowList): RequestHandler {
  return (req, res, next) => {
    if (allowList.allows(req.headers.host)) {
      next();
      return;
    }
    res.status(421).json(errorBody('unknown_host', unknownHostMessage(req.headers.host)));
  };
}
