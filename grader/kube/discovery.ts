import { UnknownKindError } from './errors.js';
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
    let found = find(await this.list(apiVersion, signal), kind);
    if (!found && this.cache.has(apiVersion)) {
      // a cached answer may predate a CRD the learner just installed: ask once more
      this.cache.delete(apiVersion);
      found = find(await this.list(apiVersion, signal), kind);
    }
    if (!found) throw new UnknownKindError(apiVersion, kind);
    return { plural: found.name, namespaced: found.namespaced };
  }

  private list(apiVersion: string, signal?: AbortSignal): Promise<ApiResourceList> {
    let list = this.cache.get(apiVersion);
    if (!list) {
      list = this.rest.get(groupVersionPath(apiVersion), undefined, signal) as Promise<ApiResourceList>;
      this.cache.set(apiVersion, list);
      list.catch(() => this.cache.delete(apiVersion)); // retry discovery on the next call
    }
    return list;
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

function find(list: ApiResourceList, kind: string) {
  return list.resources?.find((r) => r.kind === kind && !r.name.includes('/'));
}

export function groupVersionPath(apiVersion: string): string {
  return apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
}
