import { parse as parseYaml } from 'yaml';
import { KubeApiError } from '../kube/errors.js';
import type { KubeObject } from '../kube/objects.js';
import { statusOf, type KubeRest } from '../kube/rest.js';
import type { AdmissionCheck } from '../schema/leaf-checks.js';
import type { Verdict } from '../types.js';
import { formatValue } from '../value/format.js';
import { isRecord } from '../value/path.js';
import { error, fail, pass, type CheckEnv } from './env.js';

type Admission = { admitted: true } | { admitted: false; message: string };

export async function evaluateAdmission(check: AdmissionCheck, env: CheckEnv): Promise<Verdict> {
  const object = manifestOf(check);
  if (typeof object === 'string') return error(object);
  const { rest, discovery } = await env.kube();
  const apiVersion = object.apiVersion ?? 'v1';
  const kind = object.kind ?? '';
  const info = await discovery.resource(apiVersion, kind, env.signal);
  const metadata = { ...(object.metadata ?? {}) };
  if (info.namespaced) metadata.namespace ??= check.namespace ?? 'default';
  if (!metadata.name && !metadata.generateName) metadata.generateName = 'cks-lab-check-';
  const body = { ...object, apiVersion, metadata };
  const path = await discovery.path({ apiVersion, kind, namespace: metadata.namespace }, env.signal);
  // "allowed" is proven with dryRun=All (admission runs in full, nothing is persisted). "denied" is proven with a
  // real create: a learner's policy can tell dry-run requests apart (request.dryRun) and reject only those, which a
  // dry run would take for enforcement. A denied create persists nothing; an admitted one is deleted at once.
  const real = check.expect === 'denied';
  const response = await rest.request('POST', path, {
    query: { ...(real ? {} : { dryRun: 'All' }), fieldManager: 'cks-lab-grader' },
    body,
    signal: env.signal,
    allowErrorStatus: true,
  });
  const named = typeof metadata.name === 'string' ? `${kind} "${metadata.name}"` : `a ${kind}`;
  const subject = `creating ${named}${metadata.namespace ? ` in namespace "${metadata.namespace}"` : ''}`;
  const outcome = classify(response.status, response.body, `POST ${path}`);
  if (outcome === 'namespaceMissing') {
    return fail(`${subject} is impossible: namespace "${metadata.namespace}" does not exist`);
  }
  if (real && outcome.admitted && response.status !== 409) {
    const removed = await removeCreated(rest, path, response.body, env.signal);
    return fail(
      `expected ${subject} to be denied, but it was allowed` +
        (removed ? ` (the grader created it for real and deleted it again: ${removed})` : ''),
    );
  }
  return judge(check, subject, outcome);
}

/** Deletes what a real create made; says what happened, since a leftover is the learner's to know about. */
async function removeCreated(
  rest: KubeRest,
  collectionPath: string,
  created: unknown,
  signal: AbortSignal,
): Promise<string> {
  const name = isRecord(created) && isRecord(created.metadata) ? created.metadata.name : undefined;
  // the name comes from the learner's API server: use it only when it is a plain object name
  if (typeof name !== 'string' || !/^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/.test(name)) {
    return 'its name could not be read from the answer, so it may still exist';
  }
  const response = await rest.request('DELETE', `${collectionPath}/${name}`, {
    query: { gracePeriodSeconds: '0', propagationPolicy: 'Background' },
    signal,
    allowErrorStatus: true,
  });
  return response.status < 300 || response.status === 404
    ? `"${name}" is gone`
    : `deleting "${name}" answered HTTP ${response.status}; remove it yourself`;
}

function judge(check: AdmissionCheck, subject: string, outcome: Admission): Verdict {
  if (check.expect === 'allowed') {
    return outcome.admitted
      ? pass(`${subject} is allowed, as required`)
      : fail(`expected ${subject} to be allowed, but it was denied: ${outcome.message}`);
  }
  if (outcome.admitted) return fail(`expected ${subject} to be denied, but it was allowed`);
  if (check.message && !new RegExp(check.message).test(outcome.message)) {
    return fail(
      `${subject} was denied, but not for the expected reason: expected the message to match /${check.message}/, ` +
        `found: ${formatValue(outcome.message)}`,
    );
  }
  return pass(`${subject} is denied: ${outcome.message}`);
}

/**
 * Admission verdict from the API response. 409 AlreadyExists comes from storage, after admission said yes.
 * 422 is a denial only when a policy says so (ValidatingAdmissionPolicy); otherwise the manifest itself is invalid,
 * which is a scenario bug, not a learner's result.
 */
function classify(status: number, body: unknown, request: string): Admission | 'namespaceMissing' {
  const { reason, message = `HTTP ${status}` } = statusOf(body);
  if ((status >= 200 && status < 300) || status === 409) return { admitted: true };
  if (status === 403) return { admitted: false, message };
  if (status === 422 && /denied/i.test(message)) return { admitted: false, message };
  if (status === 500 && /webhook/i.test(message)) return { admitted: false, message };
  if (status === 404 && /namespaces? .*not found/i.test(message)) return 'namespaceMissing';
  throw new KubeApiError(status, reason, message, request);
}

/** The manifest as an object, or a message saying why it is unusable. */
function manifestOf(check: AdmissionCheck): KubeObject | string {
  if (check.manifest === undefined)
    return `the manifest${check.file ? ` file ${check.file}` : ''} was not loaded`;
  const parsed: unknown = typeof check.manifest === 'string' ? parseYaml(check.manifest) : check.manifest;
  if (!isRecord(parsed) || typeof parsed.kind !== 'string')
    return 'the manifest is not a Kubernetes object (no kind)';
  return parsed as KubeObject;
}
