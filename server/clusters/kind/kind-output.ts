import { outputLines } from './docker-output.js';

/** kind prints these on stderr when there is nothing to list; never treat them as names. */
const NOTHING_FOUND = /^No kind (clusters|nodes) found/;

/** `kind get clusters` / `kind get nodes` → names. */
export function parseKindNames(stdout: string): string[] {
  return outputLines(stdout).filter((line) => !NOTHING_FOUND.test(line));
}

/**
 * The step kind starts (" • Writing configuration 📜  ...") or fails (" ✗ Starting control-plane 🕹️"), without
 * decoration, for progress info; every other line (finished steps, kubeadm's log on failure) is not progress.
 */
export function kindProgressLine(line: string): string | null {
  const match = /^\s*([•✗])\s*(.*)$/u.exec(line);
  if (!match) return null;
  const text = match[2]!
    .replace(/\p{Extended_Pictographic}\uFE0F?/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (!text) return null;
  return match[1] === '✗' ? `failed: ${text}` : text;
}

const GO_STACK_FILE = /^\t\S+\.(go|s):\d+/;
const KLOG_INFO = /^[IW]\d{4} \d\d:\d\d:\d\d\.\d+\s/;
/** kind's own step lines and its warnings about the network variable: the progress output already showed them. */
const KIND_CHATTER = /^\s*[•✓✗]\s|^Creating cluster "|^WARNING: (Overriding docker network|Here be dragons)/u;
const SUMMARY_LINES = 30;

/**
 * What matters in kind's output after a failure: its ERROR line, then the last lines of the failing command's own
 * messages (kubeadm's), without Go stack traces and verbose klog lines that would push them out of view.
 */
export function summarizeKindFailure(output: string): string {
  const lines = output.split('\n').map((line) => line.replace(/^Command Output: /, ''));
  const error = lines.find((line) => line.startsWith('ERROR:'));
  const kept = lines.filter((line, index) => {
    if (line === error || !line.trim() || KIND_CHATTER.test(line)) return false;
    if (KLOG_INFO.test(line) || GO_STACK_FILE.test(line)) return false;
    return !GO_STACK_FILE.test(lines[index + 1] ?? ''); // a stack frame's function name
  });
  const clip = (text: string) => (text.length > 500 ? `${text.slice(0, 500)}…` : text);
  return [...(error ? [clip(error)] : []), ...kept.slice(-SUMMARY_LINES).map(clip)].join('\n');
}
