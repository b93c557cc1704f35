import type { ExamDefinition } from './types.js';

/**
 * Mock exams chosen by hand: 20 tasks each, every CKS domain near its curriculum weight, and as few scenarios
 * shared between sets as the catalog allows. A scenario lists `tasks` only when the set leaves some out (the
 * scenario's setup still runs whole). test/unit/exams/sets.test.ts proves each one plans on 2–3 clusters.
 */
export const EXAM_SETS: readonly ExamDefinition[] = [
  {
    id: 'A',
    title: 'Mock exam A: network policies, RBAC, seccomp, Pod Security, ImagePolicyWebhook, audit',
    entries: [
      { scenario: 'netpol-default-deny' },
      { scenario: 'verify-binaries' },
      { scenario: 'rbac-least-privilege', tasks: ['jane-rbac', 'deployer-sa'] },
      { scenario: 'kubelet-hardening', tasks: ['authn-authz'] },
      { scenario: 'seccomp' },
      { scenario: 'pss-restricted' },
      { scenario: 'secrets-hygiene', tasks: ['store-in-secret', 'mount-as-files'] },
      { scenario: 'image-policy-webhook', tasks: ['wire-plugin', 'policy-enforced'] },
      { scenario: 'sbom', tasks: ['cyclonedx-sbom', 'stop-affected'] },
      { scenario: 'audit-policy' },
      { scenario: 'runtime-detection' },
    ],
  },
  {
    id: 'B',
    title:
      'Mock exam B: ingress TLS, API server access, host footprint, kubesec, Gatekeeper, incident response',
    entries: [
      { scenario: 'netpol-namespace-isolation' },
      { scenario: 'ingress-tls' },
      { scenario: 'api-access' },
      { scenario: 'host-footprint' },
      { scenario: 'kubesec-fix' },
      { scenario: 'capabilities', tasks: ['least-capabilities'] },
      { scenario: 'trivy-critical' },
      { scenario: 'gatekeeper-allowed-repos' },
      { scenario: 'audit-investigation', tasks: ['report', 'revoke-access'] },
      { scenario: 'immutable-containers', tasks: ['read-only-root'] },
    ],
  },
  {
    id: 'C',
    title:
      'Mock exam C: CIS benchmark, kubelet, ServiceAccounts, encryption at rest, image digests, forensics',
    entries: [
      { scenario: 'cis-benchmark' },
      { scenario: 'netpol-metadata' },
      { scenario: 'kubelet-hardening', tasks: ['authn-authz'] },
      { scenario: 'sa-hardening', tasks: ['report-reader-sa', 'vault-token'] },
      { scenario: 'run-as-non-root' },
      { scenario: 'dind-lockdown' },
      { scenario: 'secrets-at-rest' },
      { scenario: 'image-digests' },
      { scenario: 'dockerfile-hardening', tasks: ['dockerfile', 'image'] },
      { scenario: 'syscall-forensics' },
      { scenario: 'runtime-detection' },
    ],
  },
];
