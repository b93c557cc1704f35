import { api, type WorkshopLearnerView, type WorkshopView } from '../api.js';
import { clear, h, toast } from '../dom.js';
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
 * Workshop hosting: create expiring join codes, see who joined each one and sign a learner out (their pages
 * disconnect, their labs end), close a workshop (the code dies and everyone who joined is signed out), and see
 * every lab on the server with End to free a slot.
 */
export async function renderInstructor(main: HTMLElement): Promise<void> {
  const workshopsList = h('div', { class: 'workshops' });
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
}
