import type { RequestHandler } from 'express';

/**
 * Browser hardening for a page that holds a root shell: no framing, no referrer (the sign-in URL carries a
 * token), scripts only from this server. xterm.js sets inline styles, hence 'unsafe-inline' for styles only.
 * Over HTTPS (req.secure honours the trust proxy setting) browsers are also told to never use plain HTTP here.
 */
export function securityHeaders(): RequestHandler {
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; ');
  return (req, res, next) => {
    res.setHeader('Content-Security-Policy', csp);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    if (req.secure) res.setHeader('Strict-Transport-Security', 'max-age=31536000');
    next();
  };
}
