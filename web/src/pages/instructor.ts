import { api } from '../api.js';
import { clear, h, toast } from '../dom.js';

/** Workshop hosting: create join codes, see every lab on the server, end one to free a slot. */
export async function renderInstructor(main: HTMLElement): Promise<void> {
  const workshopsList = h('ul', { class: 'plain' });
  const labsBody = h('tbody');
  const title = h('input', { id: 'workshop-title', maxlength: 100, placeholder: 'e.g. CKS prep, Tuesday' });

  const refresh = async (): Promise<void> => {
    const [workshops, labs] = await Promise.all([api.workshops(), api.allLabs()]);
    clear(workshopsList);
    for (const w of workshops.filter((w) => !w.closedAt)) {
      workshopsList.append(h('li', {}, h('code', { class: 'code' }, w.code), ` ${w.title}`));
    }
    clear(labsBody);
    for (const lab of labs) {
      const end = h('button', { disabled: lab.state === 'ended' }, 'End');
      end.addEventListener('click', () => {
        end.disabled = true;
        api
          .end(lab.id)
          .then(refresh, (e: unknown) => toast(e instanceof Error ? e.message : 'Could not end it.'));
      });
      labsBody.append(
        h(
          'tr',
          {},
          h('td', {}, lab.learnerName),
          h('td', {}, lab.scenarioId),
          h('td', {}, lab.state),
          h('td', {}, end),
        ),
      );
    }
  };
  const form = h(
    'form',
    { class: 'inline' },
    h('label', { for: 'workshop-title' }, 'Title'),
    title,
    h('button', { type: 'submit', class: 'primary' }, 'Create code'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    api
      .createWorkshop(title.value)
      .then((w) => {
        toast(`Workshop code ${w.code}: learners join at ${location.origin}/join`);
        return refresh();
      })
      .catch((e: unknown) => toast(e instanceof Error ? e.message : 'Could not create the workshop.'));
  });
  main.append(
    h('h1', {}, 'Instructor'),
    h(
      'section',
      { class: 'panel' },
      h('h2', {}, 'Workshop codes'),
      h('p', {}, `Learners join at ${location.origin}/join with a code.`),
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
