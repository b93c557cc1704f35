import { h } from '../dom.js';

/** Time left of the scenario's suggested minutes since the lab became ready (exam pacing, not a hard limit). */
export function createTimer(): {
  element: HTMLElement;
  start(readyAt: string, minutes: number): void;
  stop(): void;
} {
  const element = h('span', { class: 'timer', 'aria-label': 'Time left' });
  let interval = 0;
  const stop = (): void => window.clearInterval(interval);
  return {
    element,
    stop,
    start(readyAt, minutes) {
      stop();
      const deadline = Date.parse(readyAt) + minutes * 60_000;
      const tick = (): void => {
        const left = Math.round((deadline - Date.now()) / 1000);
        const abs = Math.abs(left);
        const text = `${Math.floor(abs / 60)}:${String(abs % 60).padStart(2, '0')}`;
        element.textContent = left >= 0 ? `${text} left` : `${text} over`;
        element.classList.toggle('over', left < 0);
      };
      tick();
      interval = window.setInterval(tick, 1000);
    },
  };
}
