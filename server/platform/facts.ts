import { existsSync } from 'node:fs';
import { probeEngine } from '../../infra/host/engine-status.js';
import { readHostIdentity } from '../../infra/host/host-identity.js';
import { imageExists } from '../../infra/node-image/docker.js';
import { nodeImageTag } from '../../infra/node-image/tag.js';
import { findKind } from '../clusters/kind-binary.js';
import type { HostFacts } from './host-action.js';
import type { PlatformFacts } from './plan.js';

/** Asks the engine, the OS and the kind cache what is there (a few seconds at most; changes nothing). */
export async function readPlatformFacts(): Promise<PlatformFacts> {
  const [engine, host, tag, kind] = await Promise.all([
    probeEngine(),
    readHostIdentity(),
    nodeImageTag(),
    findKind(),
  ]);
  const present = engine.reachable ? await imageExists(tag) : undefined;
  return { engine, host, image: { tag, present }, kindPresent: kind !== null };
}

/** Debian's chromium, which the e2e tier drives (Playwright never downloads a browser here). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** What `npm test` decides host preparation from (hostAction): the engine, the OS, and the browser when wanted. */
export async function readHostFacts(options: { browserWanted: boolean }): Promise<HostFacts> {
  const [engine, host] = await Promise.all([probeEngine(), readHostIdentity()]);
  return { engine, host, browserMissing: options.browserWanted && !existsSync(CHROMIUM_PATH) };
}
