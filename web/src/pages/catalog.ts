import { api, ApiError, type LabView, type PlatformStatus, type ScenarioSummary } from '../api.js';
import { clear, h, toast } from '../dom.js';
import type { Cleanup } from '../main.js';
import { createPlatformBanner } from '../platform/banner.js';
import { connectPlatform, type PlatformSocket } from '../platform/socket.js';
import { linkTo, navigate } from '../router.js';

const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;

/** A card's Start button, kept in step with the platform's readiness. */
interface StartControl {
  update(platform: PlatformStatus): void;
}

/**
 * The scenario catalog with CKS-domain and difficulty filters (kept in the URL so Back restores them). While the
 * lab platform is being prepared (first start: the node image build) the catalog is browsable, a panel shows the
 * progress and every Start button is disabled with the same sentence, until the /platform socket says ready.
 */
export async function renderCatalog(main: HTMLElement): Promise<Cleanup> {
  const [scenarios, labs, firstPlatform] = await Promise.all([api.scenarios(), api.myLabs(), api.platform()]);
  let platform = firstPlatform;
  let controls: StartControl[] = [];
  const banner = createPlatformBanner();
  const open = labs.filter((lab) => lab.state !== 'ended' && lab.state !== 'failed');
  const params = new URLSearchParams(location.search);
  const domains = [...new Set(scenarios.map((s) => s.domain))];

  const domainSelect = select('filter-domain', 'All domains', domains, params.get('domain'));
  const difficultySelect = select(
    'filter-difficulty',
    'Any difficulty',
    [...DIFFICULTIES],
    params.get('difficulty'),
  );
  const list = h('div', { class: 'catalog', 'aria-live': 'polite' });

  const refresh = (): void => {
    const domain = domainSelect.value;
    const difficulty = difficultySelect.value;
    const query = new URLSearchParams();
    if (domain) query.set('domain', domain);
    if (difficulty) query.set('difficulty', difficulty);
    history.replaceState(null, '', query.size ? `/?${query}` : '/');
    clear(list);
    controls = [];
    const shown = scenarios.filter(
      (s) => (!domain || s.domain === domain) && (!difficulty || s.difficulty === difficulty),
    );
    if (!shown.length) list.append(h('p', { class: 'empty' }, 'No scenario matches these filters.'));
    // the server lists scenarios in curriculum order: one section per CKS domain, in that order
    for (const [name, members] of groupByDomain(shown)) {
      const cards = h('ul', { class: 'cards' });
      for (const scenario of members) {
        const { element, control } = card(scenario, open[0], () => platform);
        controls.push(control);
        cards.append(element);
      }
      const count = `${members.length} scenario${members.length === 1 ? '' : 's'}`;
      list.append(
        h(
          'section',
          { class: 'domain' },
          h('h2', {}, name, h('span', { class: 'count' }, ` · ${count}`)),
          cards,
        ),
      );
    }
  };
  domainSelect.addEventListener('change', refresh);
  difficultySelect.addEventListener('change', refresh);

  main.append(h('h1', {}, 'Scenarios'), banner.element);
  if (open[0]) main.append(openLabBanner(open[0], scenarios));
  main.append(
    h(
      'div',
      { class: 'filters', role: 'group', 'aria-label': 'Filters' },
      h('label', { for: 'filter-domain' }, 'CKS domain'),
      domainSelect,
      h('label', { for: 'filter-difficulty' }, 'Difficulty'),
      difficultySelect,
    ),
    list,
  );
  refresh();
  banner.show(platform);

  let socket: PlatformSocket | undefined;
  if (platform.state !== 'ready') {
    socket = connectPlatform();
    socket.on('platform:status', (status) => {
      const wasReady = platform.state === 'ready';
      platform = status;
      banner.show(status);
      for (const control of controls) control.update(status);
      if (status.state === 'ready' && !wasReady) {
        toast('The lab platform is ready: labs can start.');
        socket?.close();
      }
    });
  }
  return () => socket?.close();
}

/** Consecutive scenarios of one domain, in the order given. */
function groupByDomain(scenarios: ScenarioSummary[]): Map<string, ScenarioSummary[]> {
  const groups = new Map<string, ScenarioSummary[]>();
  for (const scenario of scenarios) {
    const group = groups.get(scenario.domain);
    if (group) group.push(scenario);
    else groups.set(scenario.domain, [scenario]);
  }
  return groups;
}

function select(
  id: string,
  anyLabel: string,
  values: readonly string[],
  selected: string | null,
): HTMLSelectElement {
  const element = h('select', { id, name: id }, h('option', { value: '' }, anyLabel));
  for (const value of values) element.append(h('option', { value, selected: value === selected }, value));
  return element;
}

function openLabBanner(lab: LabView, scenarios: ScenarioSummary[]): HTMLElement {
  const title = scenarios.find((s) => s.id === lab.scenarioId)?.title ?? lab.scenarioId;
  return h(
    'div',
    { class: 'banner' },
    `Your lab "${title}" is ${lab.state === 'requested' ? 'queued' : lab.state}. `,
    h('a', { href: `/labs/${lab.id}`, onclick: linkTo(`/labs/${lab.id}`) }, 'Open it'),
  );
}

function card(
  scenario: ScenarioSummary,
  openLab: LabView | undefined,
  platform: () => PlatformStatus,
): { element: HTMLElement; control: StartControl } {
  const note = h('p', { class: 'start-note', id: `start-note-${scenario.id}`, hidden: true });
  const start = h(
    'button',
    { class: 'primary', 'data-scenario': scenario.id, 'aria-describedby': note.id },
    'Start lab',
  );
  let starting = false;
  const control: StartControl = {
    update(status) {
      const notReady = status.state === 'ready' ? null : status.summary;
      start.disabled = starting || notReady !== null || openLab !== undefined;
      start.title = notReady ?? (openLab ? 'End your current lab first' : '');
      note.hidden = notReady === null;
      note.textContent = notReady ?? '';
    },
  };
  control.update(platform());
  start.addEventListener('click', () => {
    starting = true;
    control.update(platform());
    api
      .startLab(scenario.id)
      .then((lab) => navigate(`/labs/${lab.id}`))
      .catch((error: unknown) => {
        starting = false;
        control.update(platform());
        if (error instanceof ApiError && typeof error.details.labId === 'string') {
          navigate(`/labs/${error.details.labId}`);
          return;
        }
        toast(error instanceof Error ? error.message : 'Could not start the lab.');
      });
  });
  const element = h(
    'li',
    { class: 'card' },
    h('h3', {}, scenario.title),
    h(
      'p',
      { class: 'meta' },
      h('span', { class: `badge ${scenario.difficulty}` }, scenario.difficulty),
      ` ~${scenario.minutes} min`,
    ),
    h('p', {}, scenario.summary),
    start,
    note,
  );
  return { element, control };
}
