import { isNotFound } from '../kube/errors.js';
import type { KubeRest } from '../kube/rest.js';
import type { AccessCheck } from '../schema/leaf-checks.js';
import type { Verdict } from '../types.js';
import { isRecord } from '../value/path.js';
import { error, fail, pass, type CheckEnv } from './env.js';

const SAR_PATH = '/apis/authorization.k8s.io/v1/subjectaccessreviews';
/** The authorizer's reason is quoted in messages up to this length (it names one binding, far shorter). */
const MAX_REASON_CHARS = 300;

interface Decision {
  allowed: boolean;
  /** The authorizer's explanation, e.g. which RoleBinding allows it; often empty on a denial. */
  reason: string;
  evaluationError: string;
}

/**
 * Asks the API server's authorizers (RBAC, Node, webhooks) what they decide for one request, with a
 * SubjectAccessReview: the same answer `kubectl auth can-i --as` gets, without acting as the subject. Nothing is
 * stored, so grading stays read-only.
 */
export async function evaluateAccess(check: AccessCheck, env: CheckEnv): Promise<Verdict> {
  const { rest } = await env.kube();
  const unknown = await unknownResource(rest, check, env.signal);
  if (unknown) return error(unknown);
  const response = await rest.request('POST', SAR_PATH, {
    body: {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SubjectAccessReview',
      spec: { ...subjectOf(check), resourceAttributes: attributesOf(check) },
    },
    signal: env.signal,
  });
  const decision = decisionOf(response.body);
  if (!decision) return error(`the API server's SubjectAccessReview answer has no status.allowed`);
  return judge(check, decision);
}

function subjectOf(check: AccessCheck): { user: string; groups: string[] } {
  if (check.serviceAccount) {
    const [namespace = '', name = ''] = check.serviceAccount.split('/');
    // what the token authenticator reports for every ServiceAccount token
    return {
      user: `system:serviceaccount:${namespace}:${name}`,
      groups: ['system:serviceaccounts', `system:serviceaccounts:${namespace}`, 'system:authenticated'],
    };
  }
  // every authenticated request also carries system:authenticated; without it a binding to that group is missed
  const groups = [...(check.groups ?? [])];
  if (!groups.includes('system:authenticated')) groups.push('system:authenticated');
  return { user: check.user ?? '', groups };
}

function attributesOf(check: AccessCheck): Record<string, string> {
  return {
    verb: check.verb,
    group: check.apiGroup,
    resource: check.resource,
    ...(check.subresource ? { subresource: check.subresource } : {}),
    ...(check.namespace ? { namespace: check.namespace } : {}),
    ...(check.name ? { name: check.name } : {}),
  };
}

function decisionOf(body: unknown): Decision | undefined {
  const status = isRecord(body) && isRecord(body.status) ? body.status : undefined;
  if (typeof status?.allowed !== 'boolean') return undefined;
  const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
  return {
    allowed: status.allowed,
    reason: text(status.reason),
    evaluationError: text(status.evaluationError),
  };
}

function judge(check: AccessCheck, decision: Decision): Verdict {
  const who = describeSubject(check);
  const what = describeRequest(check);
  if (check.expect === 'allowed') {
    if (decision.allowed) return pass(`${who} may ${what}, as required`);
    return fail(`expected ${who} to be allowed to ${what}, but the API server denies it${why(decision)}`);
  }
  if (!decision.allowed) return pass(`${who} may not ${what}, as required`);
  return fail(`expected ${who} not to be allowed to ${what}, but the API server allows it${why(decision)}`);
}

/** The authorizer's own words, bounded: RBAC names the binding that allows a request, which is what to fix. */
function why(decision: Decision): string {
  const parts = [
    decision.reason,
    decision.evaluationError && `evaluation error: ${decision.evaluationError}`,
  ];
  const text = parts.filter(Boolean).join('; ').replace(/\s+/g, ' ');
  if (!text) return '';
  return `: ${text.length > MAX_REASON_CHARS ? `${text.slice(0, MAX_REASON_CHARS)}…` : text}`;
}

function describeSubject(check: AccessCheck): string {
  if (check.serviceAccount) {
    const [namespace, name] = check.serviceAccount.split('/');
    return `ServiceAccount "${name}" in namespace "${namespace}"`;
  }
  const groups = check.groups?.length ? ` (groups ${check.groups.join(', ')})` : '';
  return `user "${check.user ?? ''}"${groups}`;
}

/** `list pods in namespace "dev-team"`, `get pods/log …`, `patch deployments.apps "web" …`: kubectl's spelling. */
function describeRequest(check: AccessCheck): string {
  const resource = `${check.resource}${check.apiGroup ? `.${check.apiGroup}` : ''}`;
  const target = `${resource}${check.subresource ? `/${check.subresource}` : ''}`;
  const name = check.name ? ` "${check.name}"` : '';
  const where = check.namespace ? ` in namespace "${check.namespace}"` : ' cluster-wide';
  return `${check.verb} ${target}${name}${where}`;
}

/**
 * RBAC answers "denied" for a resource that does not exist, so a misspelled resource or a missing apiGroup would
 * make every `expect: denied` check pass. Discovery proves the resource (and subresource) is served; a string says
 * what is wrong with the check. Cached per grading run (per client).
 */
async function unknownResource(
  rest: KubeRest,
  check: AccessCheck,
  signal: AbortSignal,
): Promise<string | undefined> {
  if (check.resource === '*') return undefined;
  const group = check.apiGroup;
  const served = await servedResources(rest, group, signal);
  const groupName = group ? `API group "${group}"` : 'the core API group';
  if (!served) return `the API server serves no ${groupName}: check "apiGroup" of this check`;
  if (!served.has(check.resource)) {
    return (
      `the API server has no resource "${check.resource}" in ${groupName}: ` +
      `check "resource" (plural, e.g. deployments) and "apiGroup" (e.g. apps) of this check`
    );
  }
  const sub = check.subresource && `${check.resource}/${check.subresource}`;
  if (sub && sub !== `${check.resource}/*` && !served.has(sub))
    return `the API server has no subresource "${sub}" in ${groupName}: check "subresource" of this check`;
  return undefined;
}

const discoveryCache = new WeakMap<KubeRest, Map<string, Promise<Set<string> | undefined>>>();

function servedResources(
  rest: KubeRest,
  group: string,
  signal: AbortSignal,
): Promise<Set<string> | undefined> {
  let byGroup = discoveryCache.get(rest);
  if (!byGroup) discoveryCache.set(rest, (byGroup = new Map()));
  let served = byGroup.get(group);
  if (!served) {
    served = listServed(rest, group, signal);
    byGroup.set(group, served);
    served.catch(() => byGroup.delete(group)); // ask again on the next check
  }
  return served;
}

/** Resource names (with subresources, e.g. pods/log) the group serves in any of its versions; undefined: no group. */
async function listServed(
  rest: KubeRest,
  group: string,
  signal: AbortSignal,
): Promise<Set<string> | undefined> {
  let groupVersions = ['v1'];
  if (group) {
    let answer: unknown;
    try {
      answer = await rest.get(`/apis/${encodeURIComponent(group)}`, undefined, signal);
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
    const versions = isRecord(answer) && Array.isArray(answer.versions) ? (answer.versions as unknown[]) : [];
    // RBAC ignores versions: a resource served in any version of the group counts
    groupVersions = versions.flatMap((v) =>
      isRecord(v) && typeof v.groupVersion === 'string' ? [v.groupVersion] : [],
    );
    if (groupVersions.length === 0) return undefined;
  }
  const served = new Set<string>();
  for (const groupVersion of groupVersions) {
    const list = await rest.get(group ? `/apis/${groupVersion}` : `/api/${groupVersion}`, undefined, signal);
    const resources = isRecord(list) && Array.isArray(list.resources) ? (list.resources as unknown[]) : [];
    for (const r of resources) if (isRecord(r) && typeof r.name === 'string') served.add(r.name);
  }
  return served;
}
