import type { ProgressEvent } from '../../../server/progress.js';
import type { LabView } from '../api.js';
import { h } from '../dom.js';

const STEPS = ['cluster', 'images', 'setup'] as const;
type StepName = (typeof STEPS)[number];
type ClusterSource = NonNullable<LabView['clusterSource']>;

const STEP_LABELS: Record<StepName, string> = {
  cluster: 'Getting your cluster',
  images: 'Loading images into the nodes',
  setup: 'Setting up the scenario',
};

/** The labels change once the server says where the cluster comes from: "from pool" vs "creating". */
const SOURCE_LABELS: Record<ClusterSource, Partial<Record<StepName, string>>> = {
  created: { cluster: 'Creating your cluster' },
  pool: { cluster: 'Taking a ready cluster from the pool' },
  staged: {
    cluster: 'Taking a ready cluster from the pool',
    images: 'Images already loaded',
    setup: 'Scenario already set up',
  },
};

function labelOf(step: StepName, source: ClusterSource | null): string {
  return (source && SOURCE_LABELS[source][step]) ?? STEP_LABELS[step];
}

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
  const sourceTag = h('p', { class: 'progress-source', 'data-testid': 'cluster-source', hidden: true });
  const element = h(
    'section',
    { class: 'progress panel', 'aria-label': 'Preparing your lab' },
    status,
    sourceTag,
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
      for (const step of STEPS) {
        const item = items.get(step);
        if (item) item.textContent = labelOf(step, lab.clusterSource);
      }
      sourceTag.hidden = lab.clusterSource === null;
      sourceTag.dataset.source = lab.clusterSource ?? '';
      sourceTag.textContent =
        lab.clusterSource === null ? '' : lab.clusterSource === 'created' ? 'creating' : 'from pool';
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
