import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Only hashes of secrets reach the data file (session cookies, the printed sign-in tokens). The tokens carry 192
 * random bits, so a plain sha256 is enough: there is nothing to brute-force, unlike a password.
 */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Whether a presented token is the one behind a stored hash, compared in constant time. */
export function tokenMatches(token: string, storedHash: string | undefined): boolean {
  if (!storedHash) return false;
  const given = Buffer.from(hashToken(token), 'hex');
  const expected = Buffer.from(storedHash, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
