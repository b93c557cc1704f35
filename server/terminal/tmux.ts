import type { LabClusterProvider } from '../labs/deps.js';

/** The learner's shell lives in this tmux session on the control-plane node, so a reload finds it again. */
export const TMUX_SESSION = 'lab';

/** The exam shell: root, a login bash in /root, kubectl pointed at the cluster. */
export const SHELL_ENV: Readonly<Record<string, string>> = {
  HOME: '/root',
  KUBECONFIG: '/etc/kubernetes/admin.conf',
  LANG: 'C.UTF-8',
  TERM: 'xterm-256color',
};

/**
 * One tmux invocation (commands separated by ";" arguments, no shell): set options for a plain-looking terminal,
 * then create the session or attach to it. -D detaches any client a dropped connection left behind, so exactly
 * one browser drives the shell and the window takes this client's size.
 */
export const TMUX_ATTACH_ARGV: readonly string[] = [
  'tmux',
  '-u',
  'start-server',
  ';',
  'set-option',
  '-g',
  'default-terminal',
  'screen-256color',
  ';',
  'set-option',
  '-g',
  'status',
  'off',
  ';',
  'set-option',
  '-g',
  'mouse',
  'on',
  ';',
  'set-option',
  '-g',
  'history-limit',
  '50000',
  ';',
  'set-option',
  '-s',
  'escape-time',
  '10',
  ';',
  'new-session',
  '-A',
  '-D',
  '-s',
  TMUX_SESSION,
  '-c',
  '/root',
  'bash',
  '-l',
];

/** Ends the learner's shell and everything running in it. No error when there is no session. */
export async function killTmuxSession(
  provider: LabClusterProvider,
  cluster: string,
  node: string,
): Promise<boolean> {
  const result = await provider.exec(cluster, node, ['tmux', 'kill-session', '-t', TMUX_SESSION], {
    allowFailure: true,
    timeoutMs: 15_000,
  });
  return result.exitCode === 0;
}
