import type { ProgressSink } from '../../../server/progress.js';

/** Online builds start from a pinned kindest/node image; not available yet on machines without a registry. */
export async function buildOnlineNodeImage(_tag: string, _progress: ProgressSink): Promise<void> {
  throw new Error(
    'the online node image build is not implemented yet; use --offline (works without a registry)',
  );
}
