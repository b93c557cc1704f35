import { api, type WorkshopLearnerView, type WorkshopView } from '../api.js';
import { clear, h, toast } from '../dom.js';
import { progressTable, type GridActions, type GridSort } from '../instructor/progress-grid.js';
import { connectInstructor } from '../instructor/socket.js';
import type { Cleanup } from '../main.js';
import { linkTo } from '../router.js';

const DEFAULT_HOURS = 8;

const failed = (what: string) => (e: unknown) => toast(e instanceof Error ? e.message : `Could not ${what}.`);

const time = (iso: string): string =>
  new Date(iso).toLocaleString([], { weekday: 'short', hour: '2-digit', minute: '2-digit' });

function codeState(workshop: WorkshopView): string {
  if (workshop.closedAt) return `closed ${time(workshop.closedAt)}`;
  if (!workshop.joinable) return `expired ${time(workshop.expiresAt)}: nobody new can join`;
  return `open until ${time(workshop.expiresAt)}`;
}

function learnerState(learner: WorkshopLearnerView): string {
  if (learner.revokedAt) return `signed out ${time(learner.revokedAt)}`;
  const labs = learner.openLabs === 1 ? '1 lab' : `${learner.openLabs} labs`;
  return `${learner.connected ? 'online' : 'offline'}, ${labs}`;
}

/**
 * Workshop hosting: the live progress grid (learners × scenarios, with Watch, Reset, End and Replay, and the
 * results export), expiring join codes, who joined each one with sign-out, closing a workshop, and every lab on
 * the server with End to free a slot. The grid follows the /instructor socket: it is fetched again on each change.
 */
export async function renderInstructor(main: HTMLElement): Promise<Cleanup> {
  const workshopsList = h('div', { class: 'workshops' });
  const gridSlot = h('div', { class: 'grid-slot' });
  const workshopFilter = h(
    'select',
    { 'aria-label': 'Workshop', 'data-testid': 'grid-workshop' },
    h('option', { value: '' }, 'All workshops'),
  );
  const sortSelect = h(
    'select',
    { 'aria-label': 'Sort by', 'data-testid': 'grid-sort' },
    h('option', { value: 'name' }, 'by name'),
    h('option', { value: 'progress' }, 'most passing first'),
    h('option', { value: 'recent' }, 'latest Check first'),
  );
  const exportCsv = h('a', { download: '' }, 'Export CSV');
  const exportJson = h('a', { download: '' }, 'Export JSON');
  const gridActions: GridActions = {
    reset(labId, learner) {
      if (
        !confirm(`Reset ${learner}'s lab? Their cluster is replaced by a fresh one and their work is lost.`)
      )
        return;
      api.reset(labId).then(() => refreshGrid(), failed('reset the lab'));
    },
    end(labId, learner) {
      if (!confirm(`End ${learner}'s lab? Its cluster is deleted.`)) return;
      api.end(labId).then(() => refreshGrid(), failed('end the lab'));
    },
    signOut(learnerId, learner) {
      if (!confirm(`Sign ${learner} out? Their pages disconnect and their labs end.`)) return;
      api.revokeLearner(learnerId).then(() => refresh(), failed('sign the learner out'));
    },
  };
  let gridFetch: Promise<void> | undefined;
  let gridAgain = false;
  /** One fetch at a time; changes during it ask for one more, not one each. */
  const refreshGrid = (): Promise<void> => {
    if (gridFetch) {
      gridAgain = true;
      return gridFetch;
    }
    const workshop = workshopFilter.value;
    exportCsv.setAttribute('href', api.resultsUrl('csv', workshop));
    exportJson.setAttribute('href', api.resultsUrl('json', workshop));
    gridFetch = api
      .progress(workshop)
      .then((grid) => {
        clear(gridSlot);
        gridSlot.append(progressTable(grid, sortSelect.value as GridSort, gridActions));
        gridSlot.dataset.updatedAt = String(Date.now());
      })
      .catch(failed('load the progress'))
      .finally(() => {
        gridFetch = undefined;
        if (gridAgain) {
          gridAgain = false;
          void refreshGrid();
        }
      });
    return gridFetch;
  };
  workshopFilter.addEventListener('change', () => void refreshGrid());
  sortSelect.addEventListener('change', () => void refreshGrid());
  const socket = connectInstructor();
  // the labs table and who is online change with the same events as the grid
  socket.on('progress:changed', () => {
    void refreshGrid();
    refresh().catch(failed('refresh the page'));
  });
  socket.on('connect', () => void refreshGrid());
  const labsBody = h('tbody');
  const title = h('input', { id: 'workshop-title', maxlength: 100, placeholder: 'e.g. CKS prep, Tuesday' });
  const hours = h('input', {
    id: 'workshop-hours',
    type: 'number',
    min: 1,
    max: 168,
    value: DEFAULT_HOURS,
  });

  const learnerRow = (learner: WorkshopLearnerView): HTMLElement => {
    const revoke = h('button', { class: 'danger', disabled: Boolean(learner.revokedAt) }, 'Sign out');
    revoke.addEventListener('click', () => {
      if (!confirm(`Sign ${learner.name} out? Their pages disconnect and their labs end.`)) return;
      revoke.disabled = true;
      api
        .revokeLearner(learner.id)
        .then(() => {
          toast(`${learner.name} is signed out.`);
          return refresh();
        })
        .catch(failed('sign the learner out'));
    });
    return h('tr', {}, h('td', {}, learner.name), h('td', {}, learnerState(learner)), h('td', {}, revoke));
  };

  const workshopPanel = (workshop: WorkshopView, learners: WorkshopLearnerView[]): HTMLElement => {
    const close = h('button', { class: 'danger', disabled: Boolean(workshop.closedAt) }, 'Close workshop');
    close.addEventListener('click', () => {
      const question = `Close ${workshop.code}? The code stops working, ${learners.length} learner(s) are signed out and their labs end.`;
      if (!confirm(question)) return;
      close.disabled = true;
      api
        .closeWorkshop(workshop.code)
        .then((result) => {
          toast(`Closed ${workshop.code}: ${result.learners} learner(s) signed out.`);
          return refresh();
        })
        .catch(failed('close the workshop'));
    });
    const rows = learners.map(learnerRow);
    return h(
      'section',
      { class: 'workshop', 'data-code': workshop.code },
      h(
        'h3',
        {},
        h('code', { class: 'code' }, workshop.code),
        ` ${workshop.title} `,
        h('small', {}, `(${codeState(workshop)})`),
      ),
      rows.length
        ? h(
            'table',
            {},
            h('thead', {}, h('tr', {}, h('th', {}, 'Learner'), h('th', {}, 'State'), h('th', {}, ''))),
            h('tbody', {}, ...rows),
          )
        : h('p', {}, 'Nobody has joined yet.'),
      close,
    );
  };

  const refresh = async (): Promise<void> => {
    const [workshops, learners, labs] = await Promise.all([
      api.workshops(),
      api.workshopLearners(),
      api.allLabs(),
    ]);
    const chosen = workshopFilter.value;
    clear(workshopFilter);
    workshopFilter.append(
      h('option', { value: '' }, 'All workshops'),
      ...[...workshops]
        .reverse()
        .map((w) => h('option', { value: w.code, selected: w.code === chosen }, `${w.code} ${w.title}`)),
    );
    clear(workshopsList);
    // newest first; closed workshops stay listed (with who was in them) until the server's data is cleared
    for (const workshop of [...workshops].reverse()) {
      workshopsList.append(
        workshopPanel(
          workshop,
          learners.filter((l) => l.workshopCode === workshop.code),
        ),
      );
    }
    clear(labsBody);
    for (const lab of labs) {
      const end = h('button', { disabled: lab.state === 'ended' }, 'End');
      // the lab page in read-only mode: the learner's terminal, live, and a banner on their side
      const live = lab.state === 'ready' || lab.state === 'grading';
      const watch = h(
        'a',
        { href: `/labs/${lab.id}`, onclick: linkTo(`/labs/${lab.id}`), 'data-watch': lab.id },
        'Watch',
      );
      const replay = h(
        'a',
        { href: `/labs/${lab.id}/replay`, onclick: linkTo(`/labs/${lab.id}/replay`), 'data-replay': lab.id },
        'Replay',
      );
      end.addEventListener('click', () => {
        end.disabled = true;
        api.end(lab.id).then(refresh, failed('end it'));
      });
      labsBody.append(
        h(
          'tr',
          {},
          h('td', {}, lab.learnerName),
          h('td', {}, lab.scenarioId),
          h('td', {}, lab.state),
          h('td', { class: 'row-actions' }, ...(live ? [watch] : []), replay, end),
        ),
      );
    }
  };
  const form = h(
    'form',
    { class: 'inline' },
    h('label', { for: 'workshop-title' }, 'Title'),
    title,
    h('label', { for: 'workshop-hours' }, 'Open for (hours)'),
    hours,
    h('button', { type: 'submit', class: 'primary' }, 'Create code'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    api
      .createWorkshop(title.value, Number(hours.value) || DEFAULT_HOURS)
      .then((w) => {
        toast(`Workshop code ${w.code}: learners join at ${location.origin}/join`);
        return refresh();
      })
      .catch(failed('create the workshop'));
  });
  main.append(
    h('h1', {}, 'Instructor'),
    h(
      'section',
      { class: 'panel' },
      h('h2', {}, 'Progress'),
      h('div', { class: 'grid-controls' }, workshopFilter, sortSelect, exportCsv, exportJson),
      gridSlot,
    ),
    h(
      'section',
      { class: 'panel' },
      h('h2', {}, 'Workshops'),
      h(
        'p',
        {},
        `Learners join at ${location.origin}/join with a code. A code lets people join until it expires; `,
        'closing a workshop also signs out everyone who joined with it.',
      ),
      form,
      workshopsList,
    ),
    h(
      'section',
      { class: 'panel' },
      h('h2', {}, 'Labs'),
      h(
        'table',
        {},
        h(
          'thead',
          {},
          h('tr', {}, h('th', {}, 'Learner'), h('th', {}, 'Scenario'), h('th', {}, 'State'), h('th', {}, '')),
        ),
        labsBody,
      ),
    ),
  );
  await refresh();
  await refreshGrid();
  return () => socket.close();
}
