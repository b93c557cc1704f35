/**
 * The session cookie's name depends on the scheme. Over HTTPS it is `__Host-` prefixed: browsers then accept it only
 * with Secure, Path=/ and no Domain, so neither a sibling subdomain nor a network attacker on plain HTTP can plant
 * or overwrite it. Plain HTTP (localhost, a LAN workshop) cannot use the prefix and gets the bare name. Each
 * scheme reads only its own name.
 */
export const SESSION_COOKIE = 'cks_lab_session';
export const SECURE_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`;

export const sessionCookieName = (secure: boolean): string =>
  secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE;

/** Reads one cookie from a Cookie header (values are our own base64url tokens, so no decoding is needed). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** The session token a request carries under the name its scheme uses. */
export const sessionTokenOf = (cookieHeader: string | undefined, secure: boolean): string | undefined =>
  readCookie(cookieHeader, sessionCookieName(secure)) || undefined;

/** httpOnly (scripts cannot read it) and SameSite=Strict (other sites cannot ride on it). */
export function sessionCookie(token: string, maxAgeMs: number, secure: boolean): string {
  const attributes = ['Path=/', 'HttpOnly', 'SameSite=Strict', `Max-Age=${Math.floor(maxAgeMs / 1000)}`];
  if (secure) attributes.push('Secure');
  return `${sessionCookieName(secure)}=${token}; ${attributes.join('; ')}`;
}

export function clearedSessionCookie(secure: boolean): string {
  return `${sessionCookieName(secure)}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${secure ? '; Secure' : ''}`;
}
