import type { ResourceRef } from '../schema/common.js';
import type { Discovery } from './discovery.js';
import { isNotFound } from './errors.js';
import type { KubeRest } from './rest.js';

/** A Kubernetes object as raw JSON. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string; labels?: Record<string, string>; [key: string]: unknown };
  [key: string]: unknown;
}

export interface KubeClients {
  rest: KubeRest;
  discovery: Discovery;
}

/** The objects a reference names: zero or one by name, any number by selector. */
export async function findObjects(
  kube: KubeClients,
  ref: ResourceRef,
  signal?: AbortSignal,
): Promise<KubeObject[]> {
  const info = await kube.discovery.resource(ref.apiVersion, ref.kind, signal);
  // a namespaced object named without a namespace lives in "default", as kubectl assumes
  const namespace = info.namespaced ? (ref.namespace ?? (ref.name ? 'default' : undefined)) : undefined;
  const path = await kube.discovery.path({ ...ref, namespace }, signal);
  if (ref.name) {
    try {
      return [(await kube.rest.get(path, undefined, signal)) as KubeObject];
    } catch (error) {
      if (isNotFound(error)) return [];
      throw error;
    }
  }
  const list = (await kube.rest.get(
    path,
    { labelSelector: ref.labelSelector, fieldSelector: ref.fieldSelector },
    signal,
  )) as { items?: KubeObject[] };
  return (list.items ?? []).sort((a, b) => qualifiedName(a).localeCompare(qualifiedName(b)));
}

export function qualifiedName(object: KubeObject): string {
  const { namespace, name } = object.metadata ?? {};
  return namespace ? `${namespace}/${name ?? '?'}` : (name ?? '?');
}

/** Learner-facing name of what a reference points at: `Pod "web" in namespace "shop"`. */
export function describeRef(ref: ResourceRef): string {
  const where = ref.namespace ? ` in namespace "${ref.namespace}"` : '';
  if (ref.name) return `${ref.kind} "${ref.name}"${where}`;
  const selectors = [ref.labelSelector, ref.fieldSelector].filter(Boolean).join(',');
  return `${pluralKind(ref.kind)}${where}${selectors ? ` matching ${selectors}` : ''}`;
}

export function describeObject(object: KubeObject, kind: string): string {
  const { namespace, name } = object.metadata ?? {};
  return `${kind} "${name ?? '?'}"${namespace ? ` in namespace "${namespace}"` : ''}`;
}

export function pluralKind(kind: string): string {
  if (/[^aeiou]y$/.test(kind)) return `${kind.slice(0, -1)}ies`;
  if (/(s|x|ch|sh)$/.test(kind)) return `${kind}es`;
  return `${kind}s`;
}
