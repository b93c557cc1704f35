import { api, ApiError, type LabView, type ScenarioSummary } from '../api.js';
import { clear, h, toast } from '../dom.js';
import { linkTo, navigate } from '../router.js';

const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;

/** The scenario catalog with CKS-domain and difficulty filters (kept in the URL so Back restores them). */
export async function renderCatalog(main: HTMLElement): Promise<void> {
  const [scenarios, labs] = await Promise.all([api.scenarios(), api.myLabs()]);
  const open = labs.filter((lab) => lab.state !== 'ended' && lab.state !== 'failed');
  const params = new URLSearchParams(location.search);
  const domains = [...new Set(scenarios.map((s) => s.domain))].sort();

  const domainSelect = select('filter-domain', 'All domains', domains, params.get('domain'));
  const difficultySelect = select(
    'filter-difficulty',
    'Any difficulty',
    [...DIFFICULTIES],
    params.get('difficulty'),
  );
  const list = h('ul', { class: 'cards', 'aria-live': 'polite' });

  const refresh = (): void => {
    const domain = domainSelect.value;
    const difficulty = difficultySelect.value;
    const query = new URLSearchParams();
    if (domain) query.set('domain', domain);
    if (difficulty) query.set('difficulty', difficulty);
    history.replaceState(null, '', query.size ? `/?${query}` : '/');
    clear(list);
    const shown = scenarios.filter(
      (s) => (!domain || s.domain === domain) && (!difficulty || s.difficulty === difficulty),
    );
    if (!shown.length) list.append(h('li', { class: 'empty' }, 'No scenario matches these filters.'));
    for (const scenario of shown) list.append(card(scenario, open[0]));
  };
  domainSelect.addEventListener('change', refresh);
  difficultySelect.addEventListener('change', refresh);

  main.append(h('h1', {}, 'Scenarios'));
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

function card(scenario: ScenarioSummary, openLab: LabView | undefined): HTMLElement {
  const start = h('button', { class: 'primary', 'data-scenario': scenario.id }, 'Start lab');
  if (openLab) {
    start.disabled = true;
    start.title = 'End your current lab first';
  }
  start.addEventListener('click', () => {
    start.disabled = true;
    api
      .startLab(scenario.id)
      .then((lab) => navigate(`/labs/${lab.id}`))
      .catch((error: unknown) => {
        start.disabled = false;
        if (error instanceof ApiError && typeof error.details.labId === 'string') {
          navigate(`/labs/${error.details.labId}`);
          return;
        }
        toast(error instanceof Error ? error.message : 'Could not start the lab.');
      });
  });
  return h(
    'li',
    { class: 'card' },
    h('h2', {}, scenario.title),
    h(
      'p',
      { class: 'meta' },
      h('span', { class: `badge ${scenario.difficulty}` }, scenario.difficulty),
      ` ${scenario.domain} · ~${scenario.minutes} min`,
    ),
    h('p', {}, scenario.summary),
    start,
  );
}
