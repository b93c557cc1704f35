import type { NodeShell } from '../clusters/types.js';
import { TMUX_DETACH_KEYS } from './tmux.js';

/** How long tmux gets to detach before the stream is cut anyway. */
const DETACH_TIMEOUT_MS = 3000;

/**
 * Detaches this tmux client (the shell keeps running for a reattach) and closes the stream. Resolves once the
 * stream has closed (tmux detached, or the fallback cut it), for callers that must not overlap with it.
 */
export function hangUp(shell: NodeShell): Promise<void> {
  const { stream } = shell;
  if (stream.closed) return Promise.resolve();
  return new Promise((resolve) => {
    // the fallback ends the wait too, so a stream that never reports 'close' cannot hold up the next attach
    const fallback = setTimeout(() => {
      shell.close();
      resolve();
    }, DETACH_TIMEOUT_MS);
    fallback.unref();
    stream.once('close', () => {
      clearTimeout(fallback);
      resolve();
    });
    if (stream.destroyed) return; // already being cut: 'close' follows
    stream.removeAllListeners('data');
    stream.resume(); // a paused stream would never reach 'close'
    stream.end(TMUX_DETACH_KEYS);
  });
}
