import type { KubernetesObject } from '@kubernetes/client-node';
import {
  assertValue,
  describeRef,
  qualifiedName,
  type KubeObject,
  type ResourceRef,
} from '../../grader/index.js';
import { Deadline, pollUntil } from '../clusters/kind/deadline.js';
import { watchUntil, type ListResult } from '../clusters/kind/watch-until.js';
import type { WaitStep } from './step-schema.js';
import type { ScenarioTarget } from './target.js';

/** Waits (list + watch, or polling /readyz) until the step's condition holds; throws at its deadline with the last state. */
export async function waitFor(step: WaitStep, target: ScenarioTarget, signal?: AbortSignal): Promise<void> {
  const deadline = Deadline.in(step.timeoutSeconds * 1000, signal);
  const { rest, discovery } = target.kube;
  if (step.for === 'apiserverHealthy') {
    await pollUntil('waiting for the API server to report ready (/readyz)', deadline, async () => {
      const response = await rest.request('GET', '/readyz', { allowErrorStatus: true, signal });
      if (response.status !== 200)
        throw new Error(`/readyz answered HTTP ${response.status}: ${String(response.body)}`);
    });
    return;
  }
  const ref = step.resource;
  if (!ref) throw new Error(`wait for "${step.for}" needs a resource`);
  const info = await discovery.resource(ref.apiVersion, ref.kind, signal);
  const namespace = info.namespaced ? (ref.namespace ?? (ref.name ? 'default' : undefined)) : undefined;
  const path = await discovery.path({ apiVersion: ref.apiVersion, kind: ref.kind, namespace }, signal);
  const fieldSelector = [ref.name ? `metadata.name=${ref.name}` : undefined, ref.fieldSelector]
    .filter(Boolean)
    .join(',');
  const query: Record<string, string> = {
    ...(ref.labelSelector ? { labelSelector: ref.labelSelector } : {}),
    ...(fieldSelector ? { fieldSelector } : {}),
  };
  const holds = predicateFor(step);
  await watchUntil<KubernetesObject>({
    kubeConfig: target.kube.kubeConfig,
    path,
    query,
    list: () => rest.get(path, query, signal) as Promise<ListResult<KubernetesObject>>,
    satisfied: (items) =>
      step.for === 'absent' ? items.length === 0 : items.length > 0 && items.every(holds),
    describe: (items) => describeState(step, ref, items, holds),
    what: `${describeRef(ref)} to be ${step.for === 'field' ? 'as required' : step.for}`,
    deadline,
  });
}

function predicateFor(step: WaitStep): (object: KubernetesObject) => boolean {
  switch (step.for) {
    case 'ready':
      return (o) => conditionStatus(o, 'Ready') === 'True';
    case 'available':
      return (o) => conditionStatus(o, 'Available') === 'True';
    case 'condition':
      return (o) => conditionStatus(o, step.condition?.type ?? '') === (step.condition?.status ?? 'True');
    case 'field':
      return (o) => (step.field ? assertValue(o, step.field).ok : false);
    default:
      return () => true;
  }
}

function conditionStatus(object: KubernetesObject, type: string): string | undefined {
  const conditions = (object as { status?: { conditions?: { type: string; status: string }[] } }).status
    ?.conditions;
  return conditions?.find((c) => c.type === type)?.status;
}

function describeState(
  step: WaitStep,
  ref: ResourceRef,
  items: KubernetesObject[],
  holds: (object: KubernetesObject) => boolean,
): string {
  if (step.for === 'absent')
    return `still present: ${items.map((o) => qualifiedName(o as KubeObject)).join(', ')}`;
  if (items.length === 0) return `no ${describeRef(ref)} exists yet`;
  const pending = items.filter((o) => !holds(o));
  return pending
    .map((o) => {
      const name = qualifiedName(o as KubeObject);
      if (step.for === 'field' && step.field)
        return `${name}: expected ${assertValue(o, step.field).expectation}, found ${assertValue(o, step.field).found}`;
      const type =
        step.for === 'ready'
          ? 'Ready'
          : step.for === 'available'
            ? 'Available'
            : (step.condition?.type ?? '');
      return `${name}: ${type}=${conditionStatus(o, type) ?? 'not reported'}`;
    })
    .join('; ');
}
