import type { IncomingMessage } from 'node:http';

/** Express's compiled `trust proxy` setting: whether the hop at this address may speak for the client. */
export type TrustProxy = (address: string, hop: number) => boolean;

/**
 * Whether a raw request (a websocket handshake never reaches express) came over HTTPS, by express's own rule for
 * req.protocol: TLS on the socket, or X-Forwarded-Proto from a proxy the trust proxy setting trusts. REST and the
 * sockets must agree, since the scheme picks the session cookie's name.
 */
export function requestIsSecure(req: IncomingMessage, trust: TrustProxy): boolean {
  if ((req.socket as { encrypted?: boolean }).encrypted) return true;
  if (!trust(req.socket.remoteAddress ?? '', 0)) return false;
  const header = req.headers['x-forwarded-proto'];
  const first = (Array.isArray(header) ? header[0] : header)?.split(',')[0]?.trim();
  return first === 'https';
}
