import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildLocalGoBinary } from '../node-image/local-go-binary.js';

const SOURCE_DIR = dirname(fileURLToPath(import.meta.url));
export const NETD_IMAGE = 'docker.io/cks-lab/netd:v1';
export const NETD_MANIFEST = join(SOURCE_DIR, 'default-cni.yaml');

/** Builds cks-lab-netd (static); reused while the source is unchanged. */
export const buildNetd = (): Promise<string> => buildLocalGoBinary(SOURCE_DIR, 'netd');
