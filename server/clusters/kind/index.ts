import { nodeImageTag } from '../../../infra/node-image/tag.js';
import { CredentialStore } from '../../kube/index.js';
import { findKind } from '../kind-binary.js';
import { KindClusterProvider } from './provider.js';

export { KindClusterProvider, type KindProviderDeps } from './provider.js';

export function createKindProvider(): KindClusterProvider {
  return new KindClusterProvider({
    findKind: () => findKind(),
    defaultNodeImage: nodeImageTag,
    credentials: new CredentialStore(),
  });
}
