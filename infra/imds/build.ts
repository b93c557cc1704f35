import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildLocalGoBinary } from '../node-image/local-go-binary.js';

/** Builds cks-lab-imds, the node's stand-in cloud metadata service (static); reused while the source is unchanged. */
export const buildImds = (): Promise<string> =>
  buildLocalGoBinary(dirname(fileURLToPath(import.meta.url)), 'imds');
