import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { GlobalStateKey } from './global-state.js';
import type { Problem } from './problems.js';
import type { Scenario } from './schema.js';
import { eachStep, type FieldPath } from './walk.js';
import type { YamlSource } from './yaml-source.js';

/** A phrase in a step's script, copied file or copy target that plainly means "this changes <key>". */
interface TextRule {
  key: GlobalStateKey;
  pattern: RegExp;
}

const TEXT_RULES: readonly TextRule[] = [
  { key: 'kube-apiserver-manifest', pattern: /\bmanifests\/kube-apiserver\.yaml/ },
  {
    key: 'control-plane-manifests',
    pattern: /\bmanifests\/(?:etcd|kube-controller-manager|kube-scheduler)\.yaml|\/var\/lib\/etcd\b/,
  },
  {
    key: 'kubelet-config',
    pattern:
      /\/var\/lib\/kubelet\/config\.yaml|\/etc\/default\/kubelet|kubelet\.service\.d|systemctl\s+restart\s+kubelet/,
  },
  {
    key: 'admission-config',
    pattern: /\/etc\/kubernetes\/(?:admission|psa|pss|policywebhook)\b|--admission-control-config-file/,
  },
  { key: 'audit-config', pattern: /\/etc\/kubernetes\/audit\b|--audit-policy-file/ },
  { key: 'encryption-config', pattern: /--encryption-provider-config|\bEncryptionConfiguration\b/ },
  {
    key: 'authentication-config',
    pattern: /\/etc\/kubernetes\/auth\b|--anonymous-auth|--authentication-config/,
  },
  { key: 'cni', pattern: /\/etc\/cni\/|\/opt\/cni\// },
  { key: 'seccomp-profiles', pattern: /\/var\/lib\/kubelet\/seccomp\b/ },
  { key: 'apparmor-profiles', pattern: /\/etc\/apparmor\.d\b|\bapparmor_parser\b/ },
  {
    key: 'systemd-units',
    pattern:
      /\/etc\/systemd\/system\b|\bsystemctl\s+(?:enable|disable|mask|unmask|stop|revert|daemon-reload)\b/,
  },
  { key: 'node-users', pattern: /\b(?:useradd|usermod|userdel|groupadd|groupdel|gpasswd|adduser|deluser)\b/ },
  { key: 'container-images', pattern: /\bctr\b.*\bimages?\s+(?:tag|label)\b/ },
  {
    key: 'node-files',
    pattern:
      /\/etc\/(?:sysctl\.d|sysctl\.conf|hosts\b|docker\/|containerd\/)|\bsysctl\s+-w\b|\/root\/\.cache\//,
  },
  { key: 'cluster-rbac', pattern: /\bkubectl\s+create\s+(?:clusterrole|clusterrolebinding)\b/ },
];

/** Cluster-scoped kinds and the key creating one needs (Namespaces are tracked by the exam planner itself). */
const CLUSTER_SCOPED_KINDS: Readonly<Record<string, GlobalStateKey>> = {
  ClusterRole: 'cluster-rbac',
  ClusterRoleBinding: 'cluster-rbac',
  ValidatingWebhookConfiguration: 'admission-webhooks',
  MutatingWebhookConfiguration: 'admission-webhooks',
  ValidatingAdmissionPolicy: 'admission-webhooks',
  ValidatingAdmissionPolicyBinding: 'admission-webhooks',
  MutatingAdmissionPolicy: 'admission-webhooks',
  MutatingAdmissionPolicyBinding: 'admission-webhooks',
  RuntimeClass: 'runtime-class',
  CustomResourceDefinition: 'crds',
  IngressClass: 'ingress-class',
};

/** `kind: ClusterRole` written in a script's heredoc counts like one in a manifest. */
const KIND_LINE = new RegExp(`^\\s*kind:\\s*(${Object.keys(CLUSTER_SCOPED_KINDS).join('|')})\\s*$`, 'm');
const HOST_NETWORK = /^\s*(?:hostNetwork:\s*true|hostPort:\s*\d+)\s*$/m;

/** Files larger than this are not scripts or manifests worth reading for a lint. */
const MAX_COPIED_TEXT_BYTES = 1024 * 1024;

/** What one piece of a step says about global state, for the message. */
interface Finding {
  key: GlobalStateKey;
  evidence: string;
}

/** One place in a scenario that plainly touches a global key. */
export interface GlobalStateUse extends Finding {
  path: FieldPath;
  where: string;
}

/**
 * Every place where the scenario's steps plainly touch global state: a script or copy target naming a control-plane
 * or node configuration path, a manifest with a cluster-scoped kind or hostNetwork. `texts` holds the scenario's
 * read files (scripts, includes, manifests) by their path in scenario.yaml.
 */
export async function globalStateUses(
  scenario: Scenario,
  dir: string,
  texts: ReadonlyMap<string, string>,
): Promise<GlobalStateUse[]> {
  const copied = await readCopiedTexts(scenario, dir);
  const uses: GlobalStateUse[] = [];
  const report = (path: FieldPath, where: string, findings: Finding[]) => {
    for (const finding of findings) uses.push({ ...finding, path, where });
  };

  eachStep(scenario, (step, path) => {
    if (step.kind === 'apply') {
      if (step.manifest !== undefined)
        report([...path, 'manifest'], 'the inline manifest', manifestFindings(step.manifest));
      const files = step.file === undefined ? [] : Array.isArray(step.file) ? step.file : [step.file];
      files.forEach((file, i) => {
        const text = texts.get(file);
        const at = Array.isArray(step.file) ? [...path, 'file', i] : [...path, 'file'];
        if (text !== undefined) report(at, `manifest ${file}`, manifestFindings(text));
      });
    }
    if (step.kind === 'script') {
      if (step.script !== undefined)
        report([...path, 'script'], 'the inline script', scriptFindings(step.script));
      if (step.file !== undefined) {
        const text = texts.get(step.file);
        if (text !== undefined) report([...path, 'file'], `script ${step.file}`, scriptFindings(text));
      }
      (step.include ?? []).forEach((file, i) => {
        const text = texts.get(file);
        if (text !== undefined) report([...path, 'include', i], `script ${file}`, scriptFindings(text));
      });
    }
    if (step.kind === 'copy') {
      report([...path, 'to'], 'the copy target', textFindings(step.to, `is ${step.to}`));
      const text = copied.get(step.from);
      if (text !== undefined) report([...path, 'from'], `copied file ${step.from}`, scriptFindings(text));
    }
  });
  return uses;
}

/** Fails a scenario whose steps plainly touch global state it does not declare in `globalState`. */
export async function globalStateProblems(
  scenario: Scenario,
  dir: string,
  source: YamlSource,
  texts: ReadonlyMap<string, string>,
): Promise<Problem[]> {
  const declared = new Set<GlobalStateKey>(scenario.globalState);
  const reported = new Set<string>();
  const problems: Problem[] = [];
  for (const { key, evidence, path, where } of await globalStateUses(scenario, dir, texts)) {
    const id = `${key}\0${where}`;
    if (declared.has(key) || reported.has(id)) continue;
    reported.add(id);
    problems.push(
      source.problemAt(
        path,
        `${where} ${evidence}: add "${key}" to globalState (an exam keeps such scenarios apart)`,
      ),
    );
  }
  return problems;
}

function textFindings(text: string, evidence?: string): Finding[] {
  return TEXT_RULES.flatMap(({ key, pattern }) => {
    const match = pattern.exec(text);
    return match ? [{ key, evidence: evidence ?? `mentions "${match[0]}"` }] : [];
  });
}

/** Scripts: their commands and heredocs, not their comment lines (a comment may say what is left alone). */
function scriptFindings(text: string): Finding[] {
  const code = text
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n');
  const kind = KIND_LINE.exec(code)?.[1];
  const kindKey = kind === undefined ? undefined : CLUSTER_SCOPED_KINDS[kind];
  return [
    ...textFindings(code),
    ...(kindKey ? [{ key: kindKey, evidence: `creates a ${kind ?? ''}` }] : []),
    ...(HOST_NETWORK.test(code) ? [hostNetworkFinding] : []),
  ];
}

const hostNetworkFinding: Finding = {
  key: 'host-network-ports',
  evidence: 'runs a pod with hostNetwork or hostPort',
};

function manifestFindings(text: string): Finding[] {
  const findings: Finding[] = [];
  for (const document of parseAllDocuments(text)) {
    if (document.errors.length > 0) continue; // the reference check reports broken YAML
    const kind: unknown = (document.toJS() as { kind?: unknown } | null)?.kind;
    const key = typeof kind === 'string' ? CLUSTER_SCOPED_KINDS[kind] : undefined;
    if (key) findings.push({ key, evidence: `has a ${String(kind)} (cluster-scoped)` });
  }
  if (HOST_NETWORK.test(text)) findings.push(hostNetworkFinding);
  return findings;
}

/** Text files the copy steps put on nodes (scripts run from there later); binaries and big files are skipped. */
async function readCopiedTexts(scenario: Scenario, dir: string): Promise<Map<string, string>> {
  const sources = new Set<string>();
  eachStep(scenario, (step) => {
    if (step.kind === 'copy') sources.add(step.from);
  });
  const texts = new Map<string, string>();
  for (const from of sources) {
    const text = await readSmallText(join(dir, from));
    if (text !== undefined) texts.set(from, text);
  }
  return texts;
}

async function readSmallText(file: string): Promise<string | undefined> {
  // a missing or unreadable file is the reference check's problem to report, not this lint's
  const handle = await open(file, 'r').catch(() => undefined);
  if (!handle) return undefined;
  try {
    const buffer = Buffer.alloc(MAX_COPIED_TEXT_BYTES + 1);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    if (bytesRead > MAX_COPIED_TEXT_BYTES) return undefined;
    const bytes = buffer.subarray(0, bytesRead);
    return bytes.includes(0) ? undefined : bytes.toString('utf8');
  } finally {
    await handle.close();
  }
}
