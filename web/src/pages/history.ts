import { api, type HistoryEntry } from '../api.js';
import { h } from '../dom.js';
import { linkTo } from '../router.js';

const when = (iso: string): string =>
  new Date(iso).toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

function row(entry: HistoryEntry): HTMLElement {
  const { lab } = entry;
  const result = entry.passed ? 'passed' : entry.checks > 0 ? 'not yet' : 'no Check';
  const page = lab.scenarioId.startsWith('exam:') ? `/exams/${lab.id}` : `/labs/${lab.id}`;
  return h(
    'tr',
    { 'data-lab': lab.id, 'data-result': entry.passed ? 'passed' : 'open' },
    h('td', {}, h('a', { href: page, onclick: linkTo(page) }, entry.title)),
    h('td', {}, when(lab.createdAt)),
    h('td', {}, lab.state),
    h('td', {}, String(entry.checks)),
    h('td', {}, entry.bestScore === null ? '–' : `${entry.bestScore} %`),
    h('td', { class: entry.passed ? 'pass' : '' }, result),
    h(
      'td',
      {},
      h('a', { href: `/labs/${lab.id}/replay`, onclick: linkTo(`/labs/${lab.id}/replay`) }, 'Replay'),
    ),
  );
}

/** The learner's own record: every lab they had, newest first, its Checks and best score, with Replay. */
export async function renderHistory(main: HTMLElement): Promise<void> {
  const entries = await api.history();
  const passed = new Set(entries.filter((e) => e.passed).map((e) => e.lab.scenarioId)).size;
  const tried = new Set(entries.map((e) => e.lab.scenarioId)).size;
  main.append(
    h('h1', {}, 'History'),
    h(
      'section',
      { class: 'panel' },
      entries.length
        ? h(
            'div',
            {},
            h('p', { 'data-testid': 'history-summary' }, `${passed} of ${tried} scenario(s) tried passed.`),
            h(
              'table',
              { 'data-testid': 'history' },
              h(
                'thead',
                {},
                h(
                  'tr',
                  {},
                  ...['Scenario', 'Started', 'State', 'Checks', 'Best', 'Result', ''].map((t) =>
                    h('th', {}, t),
                  ),
                ),
              ),
              h('tbody', {}, ...entries.map(row)),
            ),
          )
        : h('p', {}, 'No labs yet: start one from the catalog.'),
    ),
  );
}
