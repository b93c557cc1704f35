import { FitAddon } from '@xterm/addon-fit';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { Terminal } from '@xterm/xterm';
import type { TerminalStatus } from '../../../server/terminal/events.js';
import { h } from '../dom.js';
import { chunkTerminalInput } from './input-chunks.js';
import type { LabSocket } from './socket.js';

export interface TerminalView {
  /** Opens (or reopens) the node shell at the current size. */
  attach(): void;
  /** idle: not attached and not asking; attaching: asked, waiting for the server's answer. */
  readonly state: Exclude<TerminalStatus['state'], 'refused'> | 'idle' | 'attaching';
  /** True when nothing is attached or on its way (first load, after a reconnect, after the lab came back). */
  readonly wantsAttach: boolean;
  focus(): void;
  dispose(): void;
}

const NOTE = (text: string) => `\r\n\x1b[2m[${text}]\x1b[0m\r\n`;

export interface TerminalViewOptions {
  /**
   * An instructor's view of a learner's shell: no keyboard input, and drawn at the learner's size (the server
   * says which) instead of fitted to this page.
   */
  readOnly?: boolean;
}

/**
 * xterm.js bound to the lab socket. Every output chunk is acknowledged after xterm has rendered it (write
 * callback), which is what lets the server hold `yes` back instead of flooding the page.
 */
export function createTerminalView(
  container: HTMLElement,
  socket: LabSocket,
  onStatus: (s: TerminalStatus) => void,
  options: TerminalViewOptions = {},
): TerminalView {
  const readOnly = options.readOnly ?? false;
  const term = new Terminal({
    disableStdin: readOnly,
    cursorBlink: true,
    fontFamily: 'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace',
    fontSize: 14,
    scrollback: 5000,
    macOptionIsMeta: true,
    macOptionClickForcesSelection: true,
    theme: { background: '#101418', foreground: '#e6e6e6' },
  });
  const fit = new FitAddon();
  term.loadAddon(fit);
  term.loadAddon(new WebLinksAddon());
  term.open(container);
  // a read-only view is drawn at the learner's size, so fitting it to this page would garble it
  const refit = (): void => {
    if (!readOnly) fit.fit();
  };
  refit();

  let state: TerminalView['state'] = 'idle';
  // mirrored on the element so styles and tests can see whether typing reaches the shell
  const setState = (next: TerminalView['state']): void => {
    state = next;
    container.dataset.terminalState = next;
  };
  setState('idle');
  const attach = (): void => {
    refit();
    setState('attaching');
    socket.emit('terminal:attach', { rows: term.rows, cols: term.cols });
  };

  socket.on('terminal:output', (data) => {
    term.write(data, () => socket.emit('terminal:ack', data.length));
  });
  socket.on('terminal:size', ({ rows, cols }) => {
    if (readOnly) term.resize(cols, rows);
  });
  socket.on('terminal:status', (status) => {
    if (status.state === 'refused') {
      // the server dropped some input or events; the shell is still there, so the state does not change
      term.write(NOTE(status.message));
      return;
    }
    setState(status.state);
    if (status.state === 'exited' && !readOnly)
      term.write(NOTE('the shell closed — press Enter for a new one'));
    if (status.state === 'closed' || status.state === 'error') term.write(NOTE(status.message));
    if (status.state === 'error' && !readOnly) term.write(NOTE('press Enter to try again'));
    if (status.state === 'replaced') term.write(NOTE('this lab was opened in another tab or window'));
    onStatus(status);
  });
  socket.on('disconnect', () => {
    if (state === 'attached') term.write(NOTE('connection lost — reconnecting'));
    setState('idle');
  });

  term.onData((data) => {
    if (readOnly) return;
    // a paste is one onData string; the server takes it in events of bounded size
    if (state === 'attached')
      for (const chunk of chunkTerminalInput(data)) socket.emit('terminal:input', chunk);
    else if ((state === 'exited' || state === 'error') && data === '\r') attach();
  });
  term.onResize(({ rows, cols }) => {
    if (state === 'attached') socket.emit('terminal:resize', { rows, cols });
  });

  let frame = 0;
  const observer = new ResizeObserver(() => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(refit);
  });
  observer.observe(container);

  return {
    attach,
    get state() {
      return state;
    },
    get wantsAttach() {
      return state === 'idle' || state === 'closed';
    },
    focus: () => term.focus(),
    dispose: () => {
      observer.disconnect();
      term.dispose();
    },
  };
}

/**
 * The terminal with its overlay for a shell taken over by another page: the overlay shows while this page is
 * replaced, says where the shell went (`elsewhere`) and offers to take it back.
 */
export function createTerminalWithTakeover(
  container: HTMLElement,
  overlay: HTMLElement,
  socket: LabSocket,
  elsewhere: string,
  options: TerminalViewOptions = {},
): TerminalView {
  const terminal = createTerminalView(
    container,
    socket,
    (status) => {
      overlay.hidden = status.state !== 'replaced';
    },
    options,
  );
  const useHere = h('button', { class: 'primary' }, 'Use the terminal here');
  useHere.addEventListener('click', () => terminal.attach());
  overlay.append(h('p', {}, elsewhere), useHere);
  return terminal;
}
