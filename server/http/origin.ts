import type { RequestHandler } from 'express';
import { HttpError } from './errors.js';

/**
 * Which browser origins may talk to the server. With an explicit list (CKS_LAB_ALLOWED_ORIGINS) only those;
 * otherwise the page must come from the server itself, i.e. the Origin matches the Host the request was sent to.
 */
export function isAllowedOrigin(
  origin: string | undefined,
  host: string | undefined,
  allowedOrigins: readonly string[] | null,
): boolean {
  if (!origin) return false;
  if (allowedOrigins) return allowedOrigins.includes(origin);
  if (!host) return false;
  return origin === `http://${host}` || origin === `https://${host}`;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses state-changing requests that a browser sent from another site. Requests without an Origin header
 * (curl, scripts) pass: they still need the session cookie, which browsers never attach cross-site.
 */
export function refuseForeignOrigins(allowedOrigins: readonly string[] | null): RequestHandler {
  return (req, _res, next) => {
    const origin = req.headers.origin;
    if (SAFE_METHODS.has(req.method) || origin === undefined) {
      next();
      return;
    }
    if (!isAllowedOrigin(origin, req.headers.host, allowedOrigins)) {
      next(new HttpError(403, 'origin_refused', `Requests from ${origin} are not accepted by this server.`));
      return;
    }
    next();
  };
}
