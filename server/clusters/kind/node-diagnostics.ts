import { KIND_CLUSTER_LABEL, containerLogTail, containersWithLabel, dockerExec } from './docker.js';

const KLOG_ERROR = /^E\d{4} \d\d:\d\d:\d\d\.\d+\s+\d+\s+\S+\]\s*/;
const ANSI = new RegExp(String.raw`\u001b\[[0-9;?]*[A-Za-z]`, 'g');
const MAX_LINE = 400;

function clip(line: string): string {
  return line.length > MAX_LINE ? `${line.slice(0, MAX_LINE)}…` : line;
}

/** The kubelet's last distinct error messages (klog "E…" lines), newest last: usually why a node never got Ready. */
export function kubeletErrors(journal: string, max: number): string[] {
  const seen = new Map<string, string>();
  for (const line of journal.split('\n')) {
    if (!KLOG_ERROR.test(line)) continue;
    const message = line.replace(KLOG_ERROR, '');
    seen.delete(message); // re-insert so the order follows the latest occurrence
    seen.set(message, line);
  }
  return [...seen.values()].slice(-max).map(clip);
}

/** systemd's console output without colours and progress-spinner redraws. */
export function plainConsole(log: string): string {
  return log
    .replace(ANSI, '')
    .split(/\r|\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .join('\n');
}

async function section(title: string, body: Promise<string>): Promise<string> {
  return `--- ${title} ---\n${(await body).trim() || '(nothing)'}`;
}

async function nodeCommand(node: string, argv: string[]): Promise<string> {
  const result = await dockerExec(node, argv, { allowFailure: true, timeoutMs: 30_000 });
  return `${result.stdout}${result.stderr}`;
}

/**
 * What a node looked like when creation failed, for the error the image builder reads: its boot log (is systemd
 * up?), its containers (did the control-plane start?), the kubelet's latest errors.
 */
export async function nodeDiagnostics(cluster: string): Promise<string> {
  const nodes = await containersWithLabel(KIND_CLUSTER_LABEL, cluster);
  const sections: string[] = [];
  for (const node of nodes) {
    sections.push(
      await section(`docker logs --tail 8 ${node}`, containerLogTail(node, 8).then(plainConsole)),
      await section(`${node}: crictl ps -a`, nodeCommand(node, ['crictl', 'ps', '-a'])),
      await section(
        `${node}: kubelet errors (journalctl -u kubelet)`,
        nodeCommand(node, ['journalctl', '-u', 'kubelet', '--no-pager', '-o', 'cat', '-n', '400']).then(
          (journal) => kubeletErrors(journal, 6).join('\n'),
        ),
      ),
    );
  }
  return sections.join('\n');
}
