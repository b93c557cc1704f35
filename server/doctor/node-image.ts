import { nodeImageTag } from '../../infra/node-image/tag.js';
import { run } from '../exec/run.js';
import { ENGINE_CHECK } from './docker-engine.js';
import { blockedBy, type CheckResult, type DoctorContext } from './types.js';

const NAME = 'node image';

/** The image this checkout's labs run on: its content-hash tag must exist (older tags are stale builds). */
export async function checkNodeImage(ctx: DoctorContext): Promise<CheckResult> {
  if (!ctx.engine.reachable) return blockedBy(NAME, ENGINE_CHECK);
  const tag = await nodeImageTag();
  const result = await run(['docker', 'image', 'inspect', '--format', '{{.Id}}', '--', tag], {
    env: ctx.env,
    timeoutMs: 30_000,
    allowFailure: true,
  });
  if (result.exitCode !== 0) {
    return {
      name: NAME,
      ok: false,
      detail: `${tag} (this checkout's node image) is not in the engine`,
      fix: 'npx cks-lab image build (or npm start, which builds what is missing)',
    };
  }
  return { name: NAME, ok: true, detail: tag };
}
