import { run } from '../exec/run.js';
import { findKind, kindCacheDir } from '../clusters/kind-binary.js';
import type { CheckResult, DoctorContext } from './types.js';

const NAME = 'kind binary';

export async function checkKind(ctx: DoctorContext): Promise<CheckResult> {
  const path = await findKind(ctx.env);
  if (!path) {
    const detail = ctx.env.CKS_LAB_KIND
      ? `CKS_LAB_KIND=${ctx.env.CKS_LAB_KIND} is not an executable file`
      : `no kind-* binary in ${kindCacheDir()} and CKS_LAB_KIND is not set`;
    return {
      name: NAME,
      ok: false,
      detail,
      fix: 'npx cks-lab image build (builds kind), or set CKS_LAB_KIND to a kind binary',
    };
  }
  const version = await run([path, 'version'], { env: ctx.env, timeoutMs: 10_000, allowFailure: true });
  if (version.exitCode !== 0) {
    return {
      name: NAME,
      ok: false,
      detail: `${path} version exited with ${version.exitCode}: ${version.stderr.trim().split('\n')[0] ?? ''}`,
      fix: 'rebuild it: npx cks-lab image build, or point CKS_LAB_KIND at a working kind',
    };
  }
  return { name: NAME, ok: true, detail: `${version.stdout.trim()} at ${path}` };
}
