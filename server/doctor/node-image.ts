import { run } from '../exec/run.js';
import { ENGINE_CHECK } from './docker-engine.js';
import { blockedBy, type CheckResult, type DoctorContext } from './types.js';

const NAME = 'node image';
// Until infra/node-image/tag.ts exports nodeImageTag(), any tag of this repository counts.
const NODE_IMAGE_REPOSITORY = 'cks-lab/node';

export async function checkNodeImage(ctx: DoctorContext): Promise<CheckResult> {
  if (!ctx.engine.reachable) return blockedBy(NAME, ENGINE_CHECK);
  const result = await run(
    ['docker', 'image', 'ls', '--format', '{{.Repository}}:{{.Tag}}', '--', NODE_IMAGE_REPOSITORY],
    { env: ctx.env, timeoutMs: 30_000 },
  );
  const tags = result.stdout.split('\n').filter(Boolean);
  if (tags.length === 0) {
    return {
      name: NAME,
      ok: false,
      detail: `no ${NODE_IMAGE_REPOSITORY} image in the engine`,
      fix: 'npx cks-lab image build (or npm start, which builds what is missing)',
    };
  }
  return { name: NAME, ok: true, detail: tags.join(', ') };
}
