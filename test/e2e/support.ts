import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { nodeImageTag } from '../../infra/node-image/tag.js';
import { findKind } from '../../server/clusters/kind-binary.js';
import { dockerReachable, imageExists } from '../../server/clusters/kind/docker.js';

export const CHROMIUM = '/usr/bin/chromium';
export const REPO_ROOT = join(import.meta.dirname, '..', '..');

async function missingPrerequisite(scenarioId: string | undefined): Promise<string | null> {
  const docker = await dockerReachable();
  if (!docker.ok) return `no Docker engine (${docker.reason}); run \`npx cks-lab host prepare\``;
  if (!(await findKind())) return 'no kind binary; run `npx cks-lab image build`';
  const image = await nodeImageTag();
  if (!(await imageExists(image))) return `node image ${image} not built; run \`npx cks-lab image build\``;
  if (!existsSync(CHROMIUM)) return `no ${CHROMIUM}; run \`apt-get install -y chromium\``;
  if (scenarioId && !existsSync(join(REPO_ROOT, 'scenarios', scenarioId, 'scenario.yaml')))
    return `scenario ${scenarioId} is missing`;
  return null;
}

/**
 * True when the e2e tier can run; otherwise ONE loud SKIPPED line and false. With CKS_LAB_REQUIRE_CLUSTER=1 (CI)
 * a missing prerequisite throws instead, so the tier can never pass by skipping.
 */
export async function e2eTierAvailable(scenarioId?: string): Promise<boolean> {
  const reason = await missingPrerequisite(scenarioId);
  if (!reason) return true;
  if (process.env.CKS_LAB_REQUIRE_CLUSTER === '1') {
    throw new Error(`e2e tier required (CKS_LAB_REQUIRE_CLUSTER=1) but ${reason}`);
  }
  process.stdout.write(`SKIPPED e2e tier: ${reason}\n`);
  return false;
}

/** One measured figure for the lead's report, e.g. FIGURE e2e_ctrl_c_ms=140 */
export function figure(name: string, value: string | number): void {
  process.stdout.write(`FIGURE ${name}=${value}\n`);
}
