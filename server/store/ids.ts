import { randomBytes, randomUUID } from 'node:crypto';

const SHORT_ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** 8 lowercase letters/digits: short enough for kind's container names, ~41 bits of randomness. */
export function shortId(length = 8): string {
  const bytes = randomBytes(length);
  let id = '';
  for (const byte of bytes) id += SHORT_ID_ALPHABET[byte % SHORT_ID_ALPHABET.length];
  return id;
}

export const longId = (): string => randomUUID();

export const nowIso = (): string => new Date().toISOString();
