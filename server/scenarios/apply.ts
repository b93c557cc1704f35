import type { KubernetesObject } from '@kubernetes/client-node';
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
 *
 * The object goes to the API server as parsed, never through client-node's typed models: their serializer knows
 * fields by model property names and silently drops YAML keys that differ (a NetworkPolicy rule's `from` is the
 * model's `_from`), which turned "allow from these pods" into "allow from everywhere".
 */
export async function applyObjects(
  kube: KubeAccess,
  objects: readonly KubernetesObject[],
  options: { namespace?: string; onApplied?: (description: string) => void } = {},
): Promise<void> {
  const { discovery, rest } = kube;
  for (const object of objects) {
    const apiVersion = object.apiVersion ?? 'v1';
    const kind = object.kind ?? '';
    const metadata = { ...object.metadata };
    const { namespaced } = await discovery.resource(apiVersion, kind);
    if (namespaced) metadata.namespace ??= options.namespace ?? 'default';
    else delete metadata.namespace;
    const described = `${kind} ${metadata.namespace ? `${metadata.namespace}/` : ''}${metadata.name ?? '?'}`;
    if (!metadata.name) throw new Error(`cannot apply ${described}: it has no metadata.name`);
    const collection = await discovery.path({ apiVersion, kind, namespace: metadata.namespace });
    await rest.request('PATCH', `${collection}/${encodeURIComponent(metadata.name)}`, {
      query: { fieldManager: FIELD_MANAGER, force: 'true' },
      // JSON is YAML: the apply patch type takes the object exactly as written
      contentType: 'application/apply-patch+yaml',
      body: { ...object, apiVersion, metadata },
    });
    options.onApplied?.(described);
  }
}
