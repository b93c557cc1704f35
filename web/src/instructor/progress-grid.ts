import type { ProgressCell, ProgressGrid, ProgressRow } from '../api.js';
import { h } from '../dom.js';
import { linkTo } from '../router.js';

export type GridSort = 'name' | 'progress' | 'recent';

export interface GridActions {
  reset(labId: string, learner: string): void;
  end(labId: string, learner: string): void;
  signOut(learnerId: string, learner: string): void;
}

const STATUS_TEXT: Record<ProgressCell['status'], string> = {
  'not-started': 'not started',
  working: 'working, no Check yet',
  failing: 'failing',
  passing: 'passing',
};

const passing = (row: ProgressRow): number => row.cells.filter((c) => c.status === 'passing').length;
const lastCheck = (row: ProgressRow): string =>
  row.cells.reduce((newest, c) => (c.lastCheckAt && c.lastCheckAt > newest ? c.lastCheckAt : newest), '');

export function sortRows(rows: readonly ProgressRow[], sort: GridSort): ProgressRow[] {
  const byName = (a: ProgressRow, b: ProgressRow) => a.name.localeCompare(b.name);
  return [...rows].sort((a, b) => {
    if (sort === 'progress') return passing(b) - passing(a) || byName(a, b);
    if (sort === 'recent') return lastCheck(b).localeCompare(lastCheck(a)) || byName(a, b);
    return byName(a, b);
  });
}

const minutes = (ms: number): string => `${Math.round(ms / 60_000)} min`;
const clock = (iso: string): string =>
  new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

function cellView(cell: ProgressCell, row: ProgressRow, scenario: string, actions: GridActions): HTMLElement {
  const facts: string[] = [STATUS_TEXT[cell.status]];
  if (cell.checks > 0 && cell.lastScore !== null)
    facts.push(`${cell.checks} Check(s), last ${cell.lastScore} %`);
  if (cell.lastCheckAt) facts.push(`at ${clock(cell.lastCheckAt)}`);
  if (cell.timeSpentMs > 0) facts.push(minutes(cell.timeSpentMs));
  const live = cell.labState === 'ready' || cell.labState === 'grading';
  const tools: HTMLElement[] = [];
  if (cell.labId && live) {
    const labId = cell.labId;
    tools.push(h('a', { href: `/labs/${labId}`, onclick: linkTo(`/labs/${labId}`) }, 'Watch'));
    const reset = h('button', { class: 'link' }, 'Reset');
    reset.addEventListener('click', () => actions.reset(labId, row.name));
    const end = h('button', { class: 'link danger' }, 'End');
    end.addEventListener('click', () => actions.end(labId, row.name));
    tools.push(reset, end);
  }
  if (cell.labId) {
    const labId = cell.labId;
    tools.push(h('a', { href: `/labs/${labId}/replay`, onclick: linkTo(`/labs/${labId}/replay`) }, 'Replay'));
  }
  return h(
    'td',
    {
      class: `cell ${cell.status}`,
      'data-learner': row.name,
      'data-scenario': scenario,
      'data-status': cell.status,
    },
    h('span', { class: 'cell-status' }, facts.join(' · ')),
    tools.length ? h('span', { class: 'cell-tools' }, ...tools) : '',
  );
}

/** Only learners who joined with a code can be signed out (the printed link's holder cannot). */
function signOutButton(row: ProgressRow, actions: GridActions): HTMLElement | '' {
  if (!row.workshopCode) return '';
  const button = h('button', { class: 'link danger' }, 'Sign out');
  button.addEventListener('click', () => actions.signOut(row.learnerId, row.name));
  return h('div', {}, button);
}

/** Learners × scenarios, one cell per scenario a learner could be working on. */
export function progressTable(grid: ProgressGrid, sort: GridSort, actions: GridActions): HTMLElement {
  if (grid.rows.length === 0) return h('p', {}, 'Nobody has joined yet.');
  if (grid.scenarios.length === 0) return h('p', {}, 'Nobody has started a lab yet.');
  return h(
    'table',
    { class: 'progress-grid', 'data-testid': 'progress-grid' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Learner'), ...grid.scenarios.map((s) => h('th', {}, s)))),
    h(
      'tbody',
      {},
      ...sortRows(grid.rows, sort).map((row) =>
        h(
          'tr',
          { class: row.revoked ? 'revoked' : '' },
          h(
            'th',
            { scope: 'row' },
            row.name,
            row.revoked ? h('small', {}, ' (signed out)') : signOutButton(row, actions),
          ),
          ...grid.scenarios.map((scenario, index) => {
            const cell = row.cells[index];
            return cell ? cellView(cell, row, scenario, actions) : h('td', {});
          }),
        ),
      ),
    ),
  );
}
