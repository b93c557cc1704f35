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
 * Typed by the server (never by a person) to make tmux detach this one client. Closing the Docker exec stream is
 * not enough: the engine leaves the exec'd tmux client running in the node, holding its pty.
 */
export const TMUX_DETACH_KEYS = '\x1b[9999~';

const set = (...args: string[]): string[] => ['set-option', ...args, ';'];
const bindDetach = (table: string): string[] => ['bind-key', '-T', table, 'User0', 'detach-client', ';'];

/**
 * One tmux invocation (commands separated by ";" arguments, no shell): options for a plain-looking terminal, the
 * detach key in every key table, then create the session or attach to it. -D detaches any client a dropped
 * connection left behind, so exactly one browser drives the shell and the window takes this client's size.
 */
export const TMUX_ATTACH_ARGV: readonly string[] = [
  'tmux',
  '-u',
  'start-server',
  ';',
  ...set('-g', 'default-terminal', 'screen-256color'),
  ...set('-g', 'status', 'off'),
  ...set('-g', 'mouse', 'on'),
  ...set('-g', 'history-limit', '50000'),
  ...set('-s', 'escape-time', '10'),
  ...set('-s', 'user-keys[0]', TMUX_DETACH_KEYS),
  ...bindDetach('root'),
  ...bindDetach('copy-mode'),
  ...bindDetach('copy-mode-vi'),
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

/**
 * An instructor's view of the learner's shell: one more tmux client of the same session, read-only (tmux ignores
 * every key but the detach binding) and ignore-size (the window keeps the learner's size, whatever the viewer's).
 * No -D and no new-session: watching never detaches the learner, and there is nothing to watch without a session.
 */
export const TMUX_SHADOW_ARGV: readonly string[] = [
  'tmux',
  '-u',
  'attach-session',
  '-t',
  TMUX_SESSION,
  '-f',
  'read-only,ignore-size',
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
