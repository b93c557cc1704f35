/**
 * kind v0.30.0's default node image (its pkg/apis/config/defaults/image.go), the release that added Kubernetes
 * v1.34, pinned by digest so every online build starts from the same bytes.
 */
export const PINNED_ONLINE_BASE =
  'kindest/node:v1.34.0@sha256:7416a61b42b1662ca6ca89f02028ac133a309a2a30ba309614e8ec94d976dc5a';

/** The base image of online builds; CKS_LAB_ONLINE_BASE overrides it (e.g. to test with a local image). */
export function onlineBase(): string {
  return process.env.CKS_LAB_ONLINE_BASE || PINNED_ONLINE_BASE;
}

/** The Kubernetes version a node image ref names in its tag: kindest/node:v1.32.0@sha256:… -> v1.32.0. */
export function versionOfBase(ref: string): string {
  const match = /:(v\d+\.\d+\.\d+)(?:[-@]|$)/.exec(ref);
  if (!match) {
    throw new Error(
      `online node image base "${ref}" names no Kubernetes version in its tag (expected e.g. kindest/node:v1.32.0); ` +
        'set CKS_LAB_ONLINE_BASE to a ref tagged with its version',
    );
  }
  return match[1]!;
}
