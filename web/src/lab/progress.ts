import type { ProgressEvent } from '../../../server/progress.js';
import type { LabView } from '../api.js';
import { h } from '../dom.js';

const STEPS = ['cluster', 'images', 'setup'] as const;
const STEP_LABELS: Record<string, string> = {
  cluster: 'Creating your cluster',
  images: 'Loading images into the nodes',
  setup: 'Setting up the scenario',
};

export interface ProgressView {
  readonly element: HTMLElement;
  showLab(lab: LabView): void;
  onEvent(event: ProgressEvent): void;
}

/** The bar and step list shown while a lab is queued or provisioning. */
export function createProgressView(): ProgressView {
  const bar = h('progress', { max: 100, value: 0, 'aria-label': 'Lab preparation' });
  const status = h('p', { class: 'progress-status', 'aria-live': 'polite' });
  const detail = h('p', { class: 'progress-detail' });
  const items = new Map(
    STEPS.map((step) => [step as string, h('li', { 'data-step': step }, STEP_LABELS[step])]),
  );
  const element = h(
    'section',
    { class: 'progress panel', 'aria-label': 'Preparing your lab' },
    status,
    bar,
    h('ol', { class: 'steps' }, ...items.values()),
    detail,
  );
  const started = Date.now();

  const mark = (index: number, done: boolean, step: string): void => {
    STEPS.forEach((name, i) => {
      const item = items.get(name);
      if (!item) return;
      item.className = i + 1 < index || (i + 1 === index && done) ? 'done' : name === step ? 'running' : '';
    });
    const total = STEPS.length;
    bar.value = Math.round(((index - (done ? 0 : 0.5)) / total) * 100);
  };

  return {
    element,
    showLab(lab) {
      status.textContent = lab.message;
      element.hidden = lab.state !== 'requested' && lab.state !== 'provisioning';
      if (lab.state === 'requested') bar.removeAttribute('value');
      else if (lab.progress) mark(lab.progress.index, lab.progress.done, lab.progress.step);
      else bar.value = 0;
    },
    onEvent(event) {
      const seconds = Math.round((Date.now() - started) / 1000);
      if (event.kind === 'start' || event.kind === 'end') mark(event.index, event.kind === 'end', event.step);
      if (event.kind === 'info') detail.textContent = `${event.message} (${seconds}s)`;
      if (event.kind === 'fail') detail.textContent = `${event.step} failed: ${event.error}`;
    },
  };
}
