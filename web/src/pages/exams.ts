import { api, ApiError, type ExamSetView } from '../api.js';
import { h, toast } from '../dom.js';
import { linkTo, navigate } from '../router.js';

/** The mock exams: each set's tasks, clusters and domain mix, started with a clock and an optional practice mode. */
export async function renderExams(main: HTMLElement): Promise<void> {
  const [sets, open] = await Promise.all([api.examSets(), api.myLabs()]);
  const running = open.find(
    (lab) => lab.scenarioId.startsWith('exam:') && lab.state !== 'ended' && lab.state !== 'failed',
  );
  const minutes = h('input', {
    type: 'number',
    min: 10,
    max: 240,
    value: 120,
    'aria-label': 'Exam minutes',
    'data-testid': 'exam-minutes',
  });
  const practice = h('input', { type: 'checkbox', 'data-testid': 'exam-practice' });
  const start = (setId: string, button: HTMLButtonElement): void => {
    button.disabled = true;
    api
      .startExam(setId, { practice: practice.checked, minutes: Number(minutes.value) || 120 })
      .then((lab) => navigate(`/exams/${lab.id}`))
      .catch((error: unknown) => {
        button.disabled = false;
        const existing = error instanceof ApiError ? error.details.labId : undefined;
        toast(error instanceof Error ? error.message : 'The exam could not start.');
        if (typeof existing === 'string') navigate(`/labs/${existing}`);
      });
  };
  const card = (set: ExamSetView): HTMLElement => {
    const button = h('button', { class: 'primary', 'data-exam': set.id }, `Start exam ${set.id}`);
    button.addEventListener('click', () => start(set.id, button));
    return h(
      'li',
      { class: 'card' },
      h('h2', {}, set.title),
      h(
        'p',
        {},
        `${set.tasks} tasks on ${set.clusters} clusters · about ${set.expectedMinutes} minutes of work`,
      ),
      h(
        'p',
        { class: 'domains' },
        set.domains
          .filter((d) => d.percent > 0)
          .map((d) => `${d.domain} ${d.percent} %`)
          .join(' · '),
      ),
      button,
    );
  };
  main.append(
    h('h1', {}, 'Mock exams'),
    h(
      'p',
      {},
      'Like the real CKS: weighted tasks on several clusters (reach each with the ssh command its task names), a clock, no Check until you end the exam; you pass with 67 %. Setting an exam up takes a minute or two.',
    ),
    running
      ? h(
          'p',
          { class: 'banner' },
          'You have an exam open: ',
          h('a', { href: `/exams/${running.id}`, onclick: linkTo(`/exams/${running.id}`) }, 'go back to it'),
        )
      : '',
    h(
      'div',
      { class: 'panel' },
      h('label', {}, 'Minutes on the clock ', minutes),
      ' ',
      h('label', {}, practice, ' Practice mode (Check allowed during the exam)'),
    ),
    h('ul', { class: 'cards' }, ...sets.map(card), randomCard(start)),
  );
}

/** A set drawn from the whole catalog in the curriculum's weights; the same seed always draws the same set. */
function randomCard(start: (setId: string, button: HTMLButtonElement) => void): HTMLElement {
  const seed = h('input', {
    type: 'number',
    min: 0,
    max: 4294967295,
    value: Math.floor(Math.random() * 100_000),
    'aria-label': 'Seed',
    'data-testid': 'exam-seed',
  });
  const button = h('button', { class: 'primary', 'data-exam': 'random' }, 'Start a random exam');
  button.addEventListener('click', () => start(`random:${Math.trunc(Number(seed.value)) || 0}`, button));
  return h(
    'li',
    { class: 'card' },
    h('h2', {}, 'Random exam'),
    h(
      'p',
      {},
      'Tasks drawn from the whole catalog in the curriculum’s domain weights; share the seed to give someone the same exam.',
    ),
    h('label', {}, 'Seed ', seed),
    ' ',
    button,
  );
}
