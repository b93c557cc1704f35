import { outputLines } from './docker-output.js';

/** kind prints these on stderr when there is nothing to list; never treat them as names. */
const NOTHING_FOUND = /^No kind (clusters|nodes) found/;

/** `kind get clusters` / `kind get nodes` → names. */
export function parseKindNames(stdout: string): string[] {
  return outputLines(stdout).filter((line) => !NOTHING_FOUND.test(line));
}

/**
 * kind's progress lines (" ✓ Preparing nodes 📦", " • Writing configuration 📜 ...") without decoration, for
 * progress info; blank lines and kind's "here be dragons" warnings about the experimental network variable dropped.
 */
export function kindProgressLine(line: string): string | null {
  const text = line
    .replace(/\p{Extended_Pictographic}\uFE0F?/gu, '')
    .replace(/^\s*[✓✗•]\s*/u, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (!text || /^WARNING: (Overriding docker network|Here be dragons)/.test(text)) return null;
  return text;
}

/** `kind get kubeconfig` output must at least look like a kubeconfig with one cluster. */
export function assertKubeconfig(text: string, cluster: string): string {
  if (!/^apiVersion: v1$/m.test(text) || !/^\s*server: https:\/\//m.test(text)) {
    throw new Error(`kind returned no usable kubeconfig for cluster ${cluster}`);
  }
  return text;
}
