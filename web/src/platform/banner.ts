import type { PlatformStatus } from '../api.js';
import { clear, h } from '../dom.js';

export interface PlatformBanner {
  readonly element: HTMLElement;
  show(status: PlatformStatus): void;
}

/** The catalog's panel while labs cannot start: what is being prepared and how far, or the command to run. */
export function createPlatformBanner(): PlatformBanner {
  const heading = h('h2', {}, 'Preparing the lab platform');
  const summary = h('p', {
    class: 'progress-status',
    'aria-live': 'polite',
    'data-testid': 'platform-summary',
  });
  const bar = h('progress', { max: 100, 'aria-label': 'Lab platform preparation' });
  const detail = h('p', { class: 'progress-detail' });
  const fix = h('div', { class: 'platform-fix', hidden: true });
  const element = h(
    'section',
    {
      class: 'progress panel platform',
      'aria-label': 'Lab platform',
      'data-testid': 'platform',
      hidden: true,
    },
    heading,
    summary,
    bar,
    detail,
    fix,
  );

  return {
    element,
    show(status) {
      element.hidden = status.state === 'ready';
      element.dataset.state = status.state;
      heading.textContent =
        status.state === 'failed'
          ? 'Preparing the lab platform failed'
          : status.state === 'blocked'
            ? 'The lab platform needs you'
            : 'Preparing the lab platform';
      // a problem is shown as its message and command below; the summary would say the same again
      summary.hidden = status.problem !== null;
      summary.textContent = status.summary;
      const elapsed = status.startedAt ? Math.round((Date.now() - Date.parse(status.startedAt)) / 60_000) : 0;
      detail.textContent = status.detail
        ? `${status.detail}${elapsed ? ` (${elapsed} min so far)` : ''}`
        : '';
      bar.hidden = status.state !== 'building';
      const fraction = progressOf(status);
      if (fraction === null) bar.removeAttribute('value');
      else bar.value = Math.round(fraction * 100);
      clear(fix);
      fix.hidden = !status.problem;
      if (status.problem) {
        fix.append(
          h('p', {}, status.problem.message),
          h(
            'p',
            {},
            'Run on the server: ',
            h('code', { 'data-testid': 'platform-command' }, status.problem.command),
          ),
        );
      }
    },
  };
}

/** Done share of all tasks, counting the current task's steps; null when it cannot be told yet. */
function progressOf(status: PlatformStatus): number | null {
  const { task, step } = status;
  if (!task || !step) return null;
  const within = (step.index - (step.done ? 0 : 1)) / step.total;
  return (task.index - 1 + within) / task.total;
}
