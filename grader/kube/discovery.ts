import { KubeApiError } from './errors.js';
import type { KubeRest } from './rest.js';

export interface ResourceInfo {
  /** URL segment, e.g. "deployments". */
  plural: string;
  namespaced: boolean;
}

interface ApiResourceList {
  resources?: { name: string; kind: string; namespaced: boolean }[];
}

/** Maps apiVersion+kind to the resource's URL segment, asking the API server once per group version. */
export class Discovery {
  private readonly cache = new Map<string, Promise<ApiResourceList>>();

  constructor(private readonly rest: KubeRest) {}

  async resource(apiVersion: string, kind: string, signal?: AbortSignal): Promise<ResourceInfo> {
    let list = this.cache.get(apiVersion);
    if (!list) {
      list = this.rest.get(groupVersionPath(apiVersion), undefined, signal) as Promise<ApiResourceList>;
      this.cache.set(apiVersion, list);
      list.catch(() => this.cache.delete(apiVersion)); // retry discovery on the next call
    }
    const found = (await list).resources?.find((r) => r.kind === kind && !r.name.includes('/'));
    if (!found) {
      throw new KubeApiError(
        404,
        'NotFound',
        `the API server has no kind ${kind} in ${apiVersion}`,
        'discovery',
      );
    }
    return { plural: found.name, namespaced: found.namespaced };
  }

  /** URL path of a collection (no name) or of one object. */
  async path(
    ref: { apiVersion: string; kind: string; namespace?: string; name?: string },
    signal?: AbortSignal,
  ): Promise<string> {
    const info = await this.resource(ref.apiVersion, ref.kind, signal);
    const parts = [groupVersionPath(ref.apiVersion)];
    if (info.namespaced && ref.namespace) parts.push('namespaces', encodeURIComponent(ref.namespace));
    parts.push(info.plural);
    if (ref.name) parts.push(encodeURIComponent(ref.name));
    return parts.join('/');
  }
}

export function groupVersionPath(apiVersion: string): string {
  return apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
}
