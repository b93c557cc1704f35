import { Terminal } from '@xterm/xterm';
import { h } from '../dom.js';
import { parseSize, type Cast } from './cast.js';

export interface Player {
  readonly element: HTMLElement;
  dispose(): void;
}

const SPEEDS = [1, 2, 4, 8, 16] as const;
const TICK_MS = 50;

const clock = (seconds: number): string => {
  const whole = Math.floor(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
};

/**
 * Plays a recording into xterm.js: play/pause, speed, a seekable timeline, and the Checks as jump points. A seek
 * redraws from the start up to that moment at once (terminal output only makes sense replayed in order).
 */
export function createPlayer(cast: Cast): Player {
  const term = new Terminal({
    disableStdin: true,
    cols: cast.width,
    rows: cast.height,
    fontFamily: 'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace',
    fontSize: 13,
    scrollback: 5000,
    theme: { background: '#101418', foreground: '#e6e6e6' },
  });
  const screen = h('div', { class: 'terminal replay-screen', 'aria-label': 'Terminal replay' });
  const playButton = h('button', { class: 'primary', 'data-testid': 'replay-play' }, 'Play');
  const speed = h(
    'select',
    { 'aria-label': 'Speed', 'data-testid': 'replay-speed' },
    ...SPEEDS.map((s) => h('option', { value: String(s) }, `${s}×`)),
  ) as HTMLSelectElement;
  const slider = h('input', {
    type: 'range',
    min: '0',
    max: String(cast.duration),
    step: '0.1',
    value: '0',
    'aria-label': 'Position',
  }) as HTMLInputElement;
  const time = h('span', { class: 'replay-time' });
  const markerList = h(
    'ol',
    { class: 'replay-markers', 'aria-label': 'Checks' },
    ...cast.markers.map((marker, n) => {
      const jump = h(
        'button',
        { class: 'link', 'data-marker': String(n) },
        `${clock(marker.at)} ${marker.label}`,
      );
      jump.addEventListener('click', () => seek(marker.at, marker.index + 1));
      return h('li', {}, jump);
    }),
  );
  const root = h(
    'div',
    { class: 'replay', 'data-replay-state': 'paused' },
    h('div', { class: 'replay-controls' }, playButton, speed, slider, time),
    h('div', { class: 'lab-terminal replay-terminal' }, screen),
    cast.markers.length > 0 ? h('h2', {}, 'Checks') : h('p', {}, 'No Check was run during this recording.'),
    markerList,
  );
  term.open(screen);

  let next = 0; // the next event to apply
  let position = 0;
  let playing = false;
  let timer: number | undefined;
  let lastTick = 0;

  const show = (): void => {
    slider.value = String(position);
    time.textContent = `${clock(position)} / ${clock(cast.duration)}`;
    const ended = next >= cast.events.length;
    root.dataset.replayState = playing ? 'playing' : ended ? 'ended' : 'paused';
    playButton.textContent = playing ? 'Pause' : ended ? 'Play again' : 'Play';
  };
  const applyUntil = (seconds: number, lastIndex = Infinity): void => {
    while (next < cast.events.length && next < lastIndex) {
      const event = cast.events[next];
      if (!event || event.at > seconds) break;
      if (event.code === 'o') term.write(event.data);
      else if (event.code === 'r') {
        const size = parseSize(event.data);
        if (size) term.resize(size.cols, size.rows);
      }
      next += 1;
    }
  };
  /** To a moment (and, for a Check, to just after its marker): the screen as the learner saw it then. */
  const seek = (seconds: number, lastIndex = Infinity): void => {
    term.reset();
    term.resize(cast.width, cast.height);
    next = 0;
    position = Math.min(Math.max(0, seconds), cast.duration);
    applyUntil(position, lastIndex);
    show();
  };
  const tick = (): void => {
    const now = performance.now();
    position = Math.min(cast.duration, position + ((now - lastTick) / 1000) * Number(speed.value));
    lastTick = now;
    applyUntil(position);
    if (next >= cast.events.length) pause();
    show();
  };
  const play = (): void => {
    if (next >= cast.events.length) seek(0);
    playing = true;
    lastTick = performance.now();
    timer = window.setInterval(tick, TICK_MS);
    show();
  };
  function pause(): void {
    playing = false;
    window.clearInterval(timer);
    show();
  }
  playButton.addEventListener('click', () => (playing ? pause() : play()));
  slider.addEventListener('input', () => seek(Number(slider.value)));
  show();

  return {
    element: root,
    dispose: () => {
      window.clearInterval(timer);
      term.dispose();
    },
  };
}
