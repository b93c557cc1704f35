import { InvalidCredentialsError } from './errors.js';

/** A certificate or an EC/RSA key is well under this; anything bigger is not what we asked for. */
export const MAX_PEM_BYTES = 16 * 1024;

export interface PemBlock {
  /** The label between BEGIN and END, e.g. "CERTIFICATE". */
  label: string;
  /** The whole block, BEGIN to END line, with a trailing newline. */
  pem: string;
}

const BLOCK = /-----BEGIN ([A-Z ]{1,40})-----\r?\n([A-Za-z0-9+/=\r\n]{1,16384}?)-----END \1-----/g;

/**
 * The PEM blocks in text, in order. Text outside blocks is refused rather than skipped, so a reply that carries
 * anything besides what was asked for (a warning, a second answer) is noticed.
 */
export function pemBlocks(text: string, maxBytes: number): PemBlock[] {
  if (Buffer.byteLength(text) > maxBytes)
    throw new InvalidCredentialsError(
      `expected at most ${maxBytes} bytes of PEM, got ${Buffer.byteLength(text)}`,
    );
  const blocks: PemBlock[] = [];
  let rest = text;
  for (const match of text.matchAll(BLOCK)) {
    blocks.push({ label: match[1]!, pem: `${match[0].replace(/\r\n/g, '\n')}\n` });
    rest = rest.replace(match[0], '');
  }
  if (rest.trim()) throw new InvalidCredentialsError('expected only PEM blocks, found other text');
  return blocks;
}

/** Exactly one PEM block with one of the labels; `what` names it in the error. */
export function singlePem(text: string, labels: readonly string[], what: string): string {
  let blocks: PemBlock[];
  try {
    blocks = pemBlocks(text, MAX_PEM_BYTES);
  } catch (error) {
    if (!(error instanceof InvalidCredentialsError)) throw error;
    throw new InvalidCredentialsError(`${what}: ${error.message}`);
  }
  const [block] = blocks;
  if (blocks.length !== 1 || !block || !labels.includes(block.label)) {
    const found = blocks.map((b) => b.label).join(', ') || 'nothing';
    throw new InvalidCredentialsError(`${what}: expected one PEM ${labels.join(' or ')}, found ${found}`);
  }
  return block.pem;
}

export const CERTIFICATE = ['CERTIFICATE'] as const;
/** Unencrypted keys only: the server has no passphrase to give. */
export const PRIVATE_KEY = ['PRIVATE KEY', 'EC PRIVATE KEY', 'RSA PRIVATE KEY'] as const;
