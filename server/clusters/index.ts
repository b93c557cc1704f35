import { createKindProvider } from './kind/index.js';
import type { ClusterProvider } from './types.js';

export type * from './types.js';

/** The provider learner clusters come from: kind on the local Docker engine. */
export function createClusterProvider(): ClusterProvider {
  return createKindProvider();
}
