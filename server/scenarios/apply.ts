import { KubernetesObjectApi, PatchStrategy, type KubernetesObject } from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';
import type { KubeAccess } from '../kube/index.js';

const FIELD_MANAGER = 'cks-lab';

/** The objects in a (multi-document) manifest, skipping empty documents. */
export function parseManifest(text: string, origin: string): KubernetesObject[] {
  const documents = parseAllDocuments(text);
  const objects: KubernetesObject[] = [];
  for (const document of Array.isArray(documents) ? documents : []) {
    const error = document.errors[0];
    if (error) throw new Error(`${origin}: ${error.message.split('\n')[0]}`);
    const object: unknown = document.toJS();
    if (object === null || object === undefined) continue;
    objects.push(object as KubernetesObject);
  }
  return objects;
}

/**
 * Server-side apply, in order: creates what is missing and updates what exists, owning the fields it sets.
 * `namespace` fills in namespaced objects that name none (cluster-scoped ones are left alone).
 */
export async function applyObjects(
  kube: KubeAccess,
  objects: readonly KubernetesObject[],
  options: { namespace?: string; onApplied?: (description: string) => void } = {},
): Promise<void> {
  const api = KubernetesObjectApi.makeApiClient(kube.kubeConfig);
  const { discovery } = kube;
  for (const object of objects) {
    const apiVersion = object.apiVersion ?? 'v1';
    const kind = object.kind ?? '';
    const metadata = { ...object.metadata };
    const { namespaced } = await discovery.resource(apiVersion, kind);
    if (namespaced) metadata.namespace ??= options.namespace ?? 'default';
    else delete metadata.namespace;
    await api.patch(
      { ...object, apiVersion, metadata },
      undefined,
      undefined,
      FIELD_MANAGER,
      true,
      PatchStrategy.ServerSideApply,
    );
    options.onApplied?.(
      `${kind} ${metadata.namespace ? `${metadata.namespace}/` : ''}${metadata.name ?? '?'}`,
    );
  }
}
