import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { KubernetesObject } from '@kubernetes/client-node';
import { parseManifest } from '../scenarios/apply.js';
import type { LoadedScenario } from '../scenarios/loader.js';
import { eachStep } from '../scenarios/walk.js';

/** What a scenario's manifests take that another scenario on the same cluster could also want. */
export interface ManifestClaims {
  namespaces: string[];
  serviceIps: string[];
}

/** Kinds that live in a namespace; one written without a namespace lands in "default" (see apply.ts). */
const NAMESPACED_KINDS = new Set([
  'Pod',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'Job',
  'CronJob',
  'Service',
  'ConfigMap',
  'Secret',
  'ServiceAccount',
  'Role',
  'RoleBinding',
  'NetworkPolicy',
  'Ingress',
  'PersistentVolumeClaim',
]);

/** Namespaces and fixed Service IPs from every manifest the scenario's steps apply (answers included). */
export async function manifestClaims(scenario: LoadedScenario): Promise<ManifestClaims> {
  const applies: { text: Promise<string>; origin: string; namespace?: string }[] = [];
  eachStep(scenario.spec, (step) => {
    if (step.kind !== 'apply') return;
    if (step.manifest !== undefined)
      applies.push({
        text: Promise.resolve(step.manifest),
        origin: scenario.file,
        namespace: step.namespace,
      });
    const files = step.file === undefined ? [] : Array.isArray(step.file) ? step.file : [step.file];
    for (const file of files) {
      const path = join(scenario.dir, file);
      applies.push({ text: readFile(path, 'utf8'), origin: path, namespace: step.namespace });
    }
  });
  const namespaces = new Set<string>();
  const serviceIps = new Set<string>();
  for (const apply of applies) {
    for (const object of parseManifest(await apply.text, apply.origin)) {
      const namespace = namespaceOf(object, apply.namespace);
      if (namespace) namespaces.add(namespace);
      const ip = fixedClusterIp(object);
      if (ip) serviceIps.add(ip);
    }
  }
  return { namespaces: [...namespaces].sort(), serviceIps: [...serviceIps].sort() };
}

function namespaceOf(object: KubernetesObject, stepNamespace: string | undefined): string | undefined {
  if (object.kind === 'Namespace') return object.metadata?.name;
  if (object.metadata?.namespace) return object.metadata.namespace;
  return NAMESPACED_KINDS.has(object.kind ?? '') ? (stepNamespace ?? 'default') : undefined;
}

function fixedClusterIp(object: KubernetesObject): string | undefined {
  if (object.kind !== 'Service') return undefined;
  const ip: unknown = (object as { spec?: { clusterIP?: unknown } }).spec?.clusterIP;
  return typeof ip === 'string' && /^\d+\.\d+\.\d+\.\d+$/.test(ip) ? ip : undefined;
}
