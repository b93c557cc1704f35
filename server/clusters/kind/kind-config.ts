import { stringify } from 'yaml';

export interface KindConfigOptions {
  nodes: 1 | 2;
}

/**
 * kind's cluster config. The API server is published on 127.0.0.1 only (never on the host's LAN) and kind picks a
 * free port for it, so many clusters can run side by side; networking otherwise keeps kind's defaults.
 */
export function renderKindConfig(options: KindConfigOptions): string {
  const nodes = [{ role: 'control-plane' }, ...(options.nodes === 2 ? [{ role: 'worker' }] : [])];
  return stringify({
    kind: 'Cluster',
    apiVersion: 'kind.x-k8s.io/v1alpha4',
    networking: { apiServerAddress: '127.0.0.1' },
    nodes,
  });
}
