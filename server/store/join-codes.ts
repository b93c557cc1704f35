import { randomInt } from 'node:crypto';

/** Letters and digits nobody mixes up when reading a code off a projector: no 0/o, 1/l/i. */
const JOIN_CODE_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const JOIN_CODE_LENGTH = 12;

/** How long a new code lets learners join unless the instructor says otherwise (a workshop day). */
export const DEFAULT_JOIN_CODE_HOURS = 8;
export const MAX_JOIN_CODE_HOURS = 7 * 24;

/** 12 characters (~59 bits), shown as abcd-efgh-jkmn: too many to guess even without the rate limit. */
export function newJoinCode(): string {
  let code = '';
  for (let i = 0; i < JOIN_CODE_LENGTH; i++) code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
  return code.replace(/(.{4})(?!$)/g, '$1-');
}

/** What people type: any case, with or without the dashes or spaces; compared in this form. */
export function normalizeJoinCode(typed: string): string {
  return typed.toLowerCase().replace(/[^a-z0-9]/g, '');
}
