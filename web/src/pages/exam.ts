import { api, type ExamView, type LabView, type Me } from '../api.js';
import { clear, h, toast } from '../dom.js';
import { renderMarkdown } from '../lab/markdown.js';
import { connectLab, refusalOf } from '../lab/socket.js';
import { createTerminalWithTakeover } from '../lab/terminal.js';
import { linkTo } from '../router.js';
import type { Cleanup } from '../main.js';

/** Notes and flags are saved this long after the last change (and on End). */
const SAVE_DELAY_MS = 800;

const clockText = (seconds: number): string => {
  const s = Math.max(0, seconds);
  const hours = Math.floor(s / 3600);
  const rest = `${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
  return hours ? `${hours}:${rest}` : rest;
};

/**
 * A mock exam: the countdown, the task navigator (weights, clusters, flags), notes, the terminal on cluster 1, End
 * exam; afterwards the weighted score, pass or fail, what failed per task, and the solutions. Flags and notes live
 * on the server, so a refresh (or a server restart) finds them and the clock where they were.
 */
export async function renderExam(main: HTMLElement, labId: string, me: Me): Promise<Cleanup> {
  let view: ExamView = await api.exam(labId);
  const isOwner = view.lab.learnerId === me.id;
  const watching = !isOwner && me.role === 'instructor';
  let current = 0;
  /** server clock minus this browser's, so a wrong local clock cannot move the deadline */
  let skewMs = Date.parse(view.serverNow) - Date.now();

  const stateBadge = h('span', { class: 'state', 'data-testid': 'lab-state' });
  const clock = h('span', { class: 'timer', 'data-testid': 'exam-clock', 'aria-label': 'Time left' });
  const endButton = h('button', { class: 'danger', 'data-testid': 'end-exam' }, 'End exam');
  const checkButton = h('button', { class: 'primary', hidden: !view.practice }, 'Check (practice)');
  const progressLine = h('p', { class: 'progress-status', 'aria-live': 'polite' });
  const navigator = h('ol', { class: 'exam-nav', 'data-testid': 'exam-tasks' });
  const taskSlot = h('div', { class: 'exam-task', 'data-testid': 'exam-task' });
  const resultSlot = h('div', { 'data-testid': 'exam-result' });
  const solutionsSlot = h('div');
  const notes = h('textarea', {
    class: 'exam-notes',
    rows: 6,
    maxlength: 20000,
    'aria-label': 'Your notes',
    'data-testid': 'exam-notes',
    placeholder: 'Notes for yourself (kept with the exam)',
  });
  notes.value = view.notes;
  notes.disabled = !isOwner;
  const termContainer = h('div', {
    class: watching ? 'terminal read-only' : 'terminal',
    'aria-label': watching
      ? "Read-only view of the learner's terminal"
      : 'Terminal: root shell on cluster 1 (ssh cks-exam-N reaches the others)',
  });
  const termOverlay = h('div', { class: 'terminal-overlay', hidden: true });

  let saveTimer = 0;
  let saving: Promise<void> = Promise.resolve();
  const save = (): Promise<void> => {
    window.clearTimeout(saveTimer);
    if (!isOwner || view.lab.state === 'ended' || view.lab.state === 'failed') return saving;
    const answers = { flagged: view.flagged, notes: notes.value };
    saving = saving
      .then(() => api.saveExamAnswers(labId, answers))
      .then(
        () => undefined,
        (error: unknown) => toast(error instanceof Error ? error.message : 'Saving your notes failed.'),
      );
    return saving;
  };
  const saveSoon = (): void => {
    window.clearTimeout(saveTimer);
    saveTimer = window.setTimeout(() => void save(), SAVE_DELAY_MS);
  };
  notes.addEventListener('input', saveSoon);

  /** A task's weight as the real exam shows it: its share of the whole exam, in percent. */
  const share = (weight: number): string => {
    const total = view.tasks.reduce((sum, t) => sum + t.weight, 0);
    return total ? `${Math.round((weight / total) * 1000) / 10} %` : '–';
  };

  const renderNavigator = (): void => {
    clear(navigator);
    const results = new Map(view.result?.tasks.map((t) => [t.key, t]) ?? []);
    view.tasks.forEach((task, i) => {
      const result = results.get(task.key);
      const flagged = view.flagged.includes(task.key);
      const button = h(
        'button',
        {
          class: `link${i === current ? ' current' : ''}`,
          'aria-current': i === current ? 'step' : undefined,
          'data-task': task.key,
        },
        `${i + 1}. ${task.title}`,
      );
      button.addEventListener('click', () => {
        current = i;
        renderNavigator();
        renderTask();
      });
      navigator.append(
        h(
          'li',
          { class: result ? `task ${result.status}` : 'task', 'data-flagged': flagged },
          button,
          h('span', { class: 'weight' }, ` ${share(task.weight)} · cluster ${task.cluster}`),
          flagged ? h('span', { class: 'flag', title: 'Flagged for review' }, ' ⚑') : null,
          result
            ? h('span', { class: `status ${result.status}` }, ` ${result.score}/${result.weight}`)
            : null,
        ),
      );
    });
  };

  const renderTask = (): void => {
    clear(taskSlot);
    const task = view.tasks[current];
    if (!task) return;
    const flag = h('input', {
      type: 'checkbox',
      checked: view.flagged.includes(task.key),
      disabled: !isOwner || view.lab.state === 'ended',
      'data-testid': 'flag-task',
    });
    flag.addEventListener('change', () => {
      view = {
        ...view,
        flagged: flag.checked ? [...view.flagged, task.key] : view.flagged.filter((key) => key !== task.key),
      };
      renderNavigator();
      saveSoon();
    });
    const result = view.result?.tasks.find((t) => t.key === task.key);
    taskSlot.append(
      h('h2', {}, `Task ${current + 1} of ${view.tasks.length}: ${task.title}`),
      h(
        'p',
        { class: 'task-head', 'data-testid': 'task-host' },
        `Weight ${share(task.weight)} · ${task.domain} · cluster ${task.cluster}: run `,
        h('code', {}, `ssh ${task.host}`),
        ' first (you start on cluster 1).',
      ),
      h('label', {}, flag, ' Flag for review'),
      result
        ? h(
            'div',
            { class: `task ${result.status}` },
            h('p', {}, result.status === 'pass' ? 'Passed.' : 'Not passed:'),
            h('ul', {}, ...result.problems.map((p) => h('li', {}, p))),
          )
        : '',
      renderMarkdown(task.instructions),
    );
  };

  const renderResult = (): void => {
    clear(resultSlot);
    clear(solutionsSlot);
    const result = view.result;
    if (!result) return;
    const passedTasks = result.tasks.filter((t) => t.status === 'pass').length;
    resultSlot.append(
      h(
        'p',
        {
          class: `score ${result.passed ? 'pass' : 'fail'}`,
          role: 'status',
          'data-testid': 'exam-score',
          'data-percent': result.percent,
        },
        `${result.passed ? 'PASS' : 'FAIL'}: ${result.percent} % (${result.score} of ${result.maxScore} points; the pass mark is ${result.passPercent} %). ${passedTasks} of ${result.tasks.length} tasks passed.`,
      ),
    );
    for (const solution of view.solutions ?? []) {
      solutionsSlot.append(
        h(
          'details',
          { class: 'solution' },
          h('summary', {}, `Solution: ${solution.title}`),
          renderMarkdown(solution.markdown),
        ),
      );
    }
  };

  let tick = 0;
  const renderClock = (): void => {
    window.clearInterval(tick);
    const { endsAt } = view;
    const live = view.lab.state === 'ready' || view.lab.state === 'grading';
    clock.hidden = !endsAt || !live;
    if (!endsAt || !live) return;
    const update = (): void => {
      const left = Math.round((Date.parse(endsAt) - (Date.now() + skewMs)) / 1000);
      clock.textContent = `${clockText(left)} left`;
      clock.classList.toggle('over', left < 300);
    };
    update();
    tick = window.setInterval(update, 1000);
  };

  const socket = connectLab(labId);
  const terminal = createTerminalWithTakeover(
    termContainer,
    termOverlay,
    socket,
    'This exam is open in another tab or window.',
    { readOnly: watching },
  );

  const show = (): void => {
    const { lab } = view;
    stateBadge.textContent = lab.state === 'provisioning' ? 'setting up' : lab.state;
    stateBadge.className = `state ${lab.state}`;
    const live = lab.state === 'ready' || lab.state === 'grading';
    progressLine.hidden = lab.state !== 'provisioning';
    if (lab.state === 'failed') progressLine.textContent = lab.message;
    endButton.disabled = lab.state === 'ended' || lab.state === 'failed' || lab.state === 'grading';
    endButton.hidden = lab.state === 'ended';
    checkButton.disabled = lab.state !== 'ready' || !isOwner;
    termContainer.classList.toggle('inactive', !live);
    renderClock();
    renderNavigator();
    renderTask();
    renderResult();
    if (live && terminal.wantsAttach && socket.connected) terminal.attach();
  };

  const refresh = async (): Promise<void> => {
    view = await api.exam(labId);
    skewMs = Date.parse(view.serverNow) - Date.now();
    show();
  };
  socket.on('lab:state', (lab: LabView) => {
    if (lab.state === view.lab.state) return;
    view = { ...view, lab };
    show();
    // the clock starts, or the result arrives, with the state change: fetch them
    if (lab.state === 'ready' || lab.state === 'ended' || lab.state === 'failed') void refresh();
  });
  socket.on('lab:progress', (event) => {
    if (event.kind === 'info') progressLine.textContent = `Setting up your exam: ${event.message}`;
  });
  socket.on('connect_error', (error) => {
    if (refusalOf(error)) toast(error.message);
  });
  socket.on('connect', () => {
    const live = view.lab.state === 'ready' || view.lab.state === 'grading';
    if (live && terminal.wantsAttach) terminal.attach();
  });

  endButton.addEventListener('click', () => {
    if (!confirm('End the exam now? It is graded and its clusters are deleted; you cannot go back.')) return;
    endButton.disabled = true;
    endButton.textContent = 'Grading…';
    void save()
      .then(() => api.endExam(labId))
      .then(
        (ended) => {
          view = ended;
          show();
          resultSlot.scrollIntoView({ block: 'start' });
        },
        (error: unknown) => toast(error instanceof Error ? error.message : 'Ending the exam failed.'),
      )
      .finally(() => {
        endButton.textContent = 'End exam';
      });
  });
  checkButton.addEventListener('click', () => {
    checkButton.disabled = true;
    api
      .checkExam(labId)
      .then((attempt) => toast(`Practice check: ${attempt.score} % so far.`))
      .catch((error: unknown) => toast(error instanceof Error ? error.message : 'Check failed.'))
      .finally(() => {
        checkButton.disabled = view.lab.state !== 'ready';
      });
  });

  main.append(
    h(
      'section',
      { class: 'lab exam', 'data-lab': labId },
      h(
        'header',
        { class: 'lab-head' },
        h('h1', {}, view.title),
        stateBadge,
        view.practice ? h('span', { class: 'state' }, 'practice') : null,
        clock,
        h(
          'div',
          { class: 'actions' },
          h('a', { href: `/labs/${labId}/replay`, onclick: linkTo(`/labs/${labId}/replay`) }, 'Replay'),
          checkButton,
          endButton,
        ),
      ),
      h(
        'div',
        { class: 'lab-body' },
        h(
          'aside',
          { class: 'lab-side', 'aria-label': 'Exam tasks' },
          progressLine,
          resultSlot,
          h('h2', {}, 'Tasks'),
          navigator,
          taskSlot,
          h('h2', {}, 'Notes'),
          notes,
          solutionsSlot,
        ),
        h('div', { class: 'lab-terminal' }, termContainer, termOverlay),
      ),
    ),
  );
  show();
  terminal.focus();

  return () => {
    void save();
    window.clearInterval(tick);
    socket.close();
    terminal.dispose();
  };
}
