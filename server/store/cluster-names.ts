import { shortId } from './ids.js';
import type { StoreData } from './schema.js';

/** Lab and pooled cluster names are cks-<8 chars>; reconcile only ever deletes names of this exact shape. */
export const LAB_CLUSTER_NAME = /^cks-[a-z0-9]{8}$/;

/** An exam's clusters after its first: cks-<8 chars>-N (reconcile only removes those the store knows of). */
export const EXAM_CLUSTER_NAME = /^cks-[a-z0-9]{8}-[1-9]$/;

/**
 * A lab-shaped cluster name no lab (open or ended) and no pool entry has used, so a new cluster never collides
 * with one still being deleted in the background.
 */
export function unusedClusterName(data: StoreData): string {
  const used = new Set([...data.labs.map((l) => l.clusterName), ...data.pool.map((p) => p.clusterName)]);
  let name = `cks-${shortId()}`;
  while (used.has(name)) name = `cks-${shortId()}`;
  return name;
}
