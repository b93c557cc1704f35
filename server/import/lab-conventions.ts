/**
 * cks-lab labs follow Killercoda's (and the exam's) conventions: nodes `controlplane` and `node01` (hostnames,
 * Kubernetes node names, ssh between them), /root/.kube/config, and the kubeconfig cluster `kubernetes`. What
 * remains is content that names node01 in a lab that has none: a scenario imported from a one-node backend.
 */
export interface ConventionNeed {
  file: string;
  line: number;
  what: string;
}

const NODE01: [RegExp, string][] = [
  // options, some with a value (`-o BatchMode=yes`, `-i key`), then [user@]node01
  [
    /\bssh\s+(?:-\S+\s+(?:[^-\s]\S*\s+)?)*(?:\S+@)?node01\b/,
    'ssh node01: this lab has one node (the backend is a one-node image)',
  ],
  [
    /\bnodeName:\s*["']?node01\b/,
    'nodeName: node01: this lab has one node (the backend is a one-node image)',
  ],
];

export function findConventionNeeds(text: string, file: string, nodes: 1 | 2): ConventionNeed[] {
  if (nodes === 2) return [];
  return text.split('\n').flatMap((raw, index) => {
    const line = raw.trim();
    if (line.startsWith('#')) return [];
    return NODE01.filter(([pattern]) => pattern.test(line)).map(([, what]) => ({
      file,
      line: index + 1,
      what,
    }));
  });
}
