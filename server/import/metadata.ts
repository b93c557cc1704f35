import { CKS_DOMAINS, type Domain } from '../scenarios/schema.js';

/**
 * Killercoda has no CKS domain and no difficulty scale of ours; the importer guesses them from the text and
 * names each guess in the report, so the author reviews it.
 */
const DOMAIN_KEYWORDS: [Domain, RegExp][] = [
  [
    'Supply Chain Security',
    /\b(trivy|sbom|cosign|image ?policy|imagepolicywebhook|kubesec|dockerfile|digest|registr(y|ies)|supply chain)\b/i,
  ],
  [
    'Monitoring Logging and Runtime Security',
    /\b(audit|falco|runtime security|immutable|forensic|strace|tracee)\b/i,
  ],
  ['System Hardening', /\b(apparmor|seccomp|syscall|kernel|capabilit(y|ies)|host hardening|ufw|iptables)\b/i],
  [
    'Minimize Microservice Vulnerabilities',
    /\b(securitycontext|pod security|psa|psp|secrets?|gvisor|runtimeclass|mtls|opa|gatekeeper|kyverno)\b/i,
  ],
  ['Cluster Hardening', /\b(rbac|role|serviceaccount|service account|upgrade|anonymous|kubelet)\b/i],
  [
    'Cluster Setup',
    /\b(networkpolic(y|ies)|network policy|ingress|tls|cis|kube-bench|metadata|dashboard|binar(y|ies))\b/i,
  ],
];

export interface Guess<T> {
  value: T;
  why: string;
}

/** The domain whose keywords occur most often in the text (earlier in the list on a tie). */
export function guessDomain(text: string): Guess<Domain> {
  let best: { domain: Domain; count: number; word: string } | undefined;
  for (const [domain, keywords] of DOMAIN_KEYWORDS) {
    const matches = [...text.matchAll(new RegExp(keywords.source, 'gi'))];
    if (matches.length > (best?.count ?? 0))
      best = { domain, count: matches.length, word: matches[0]?.[0] ?? '' };
  }
  if (best) return { value: best.domain, why: `guessed: ${best.count} keyword(s) such as "${best.word}"` };
  return { value: CKS_DOMAINS[1], why: 'no keyword matched; a default' };
}

export function guessDifficulty(difficulty: string | undefined): Guess<'easy' | 'medium' | 'hard'> {
  const word = (difficulty ?? '').toLowerCase();
  if (/beginner|easy/.test(word)) return { value: 'easy', why: `from "${difficulty}"` };
  if (/advanced|expert|hard/.test(word)) return { value: 'hard', why: `from "${difficulty}"` };
  if (/intermediate|medium/.test(word)) return { value: 'medium', why: `from "${difficulty}"` };
  return { value: 'medium', why: 'index.json gives none; a default' };
}

export function guessMinutes(time: string | undefined, steps: number): Guess<number> {
  const stated = /(\d{1,3})\s*(m|min|minutes?)?\b/i.exec(time ?? '');
  if (stated) {
    const minutes = Math.min(240, Math.max(1, Number(stated[1])));
    return { value: minutes, why: `from "${time}"` };
  }
  return { value: Math.min(240, 5 * steps), why: 'index.json gives none; 5 minutes per step' };
}
