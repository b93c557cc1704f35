import { api, type Attempt, type LabDetails, type LabView, type Me } from '../api.js';
import { clear, h, toast } from '../dom.js';
import { createProgressView } from '../lab/progress.js';
import { renderScore, renderSolution, renderTasks } from '../lab/results.js';
import { renderMarkdown } from '../lab/markdown.js';
import { connectLab, refusalOf } from '../lab/socket.js';
import { createTerminalWithTakeover } from '../lab/terminal.js';
import { createTimer } from '../lab/timer.js';
import { createAuthorTools } from '../lab/author-tools.js';
import { linkTo, navigate } from '../router.js';
import type { Cleanup } from '../main.js';

/** The lab page: instructions and tasks beside the terminal, Check / Reset / End, progress while preparing. */
export async function renderLab(main: HTMLElement, labId: string, me: Me): Promise<Cleanup> {
  let details: LabDetails = await api.lab(labId);
  // an exam has its own page (clock, task navigator, End exam)
  if (details.lab.scenarioId.startsWith('exam:')) {
    navigate(`/exams/${labId}`);
    return () => undefined;
  }
  let scenario = details.scenario;
  const isOwner = details.lab.learnerId === me.id;
  // an instructor on someone else's lab gets a read-only live view of the terminal
  const watching = !isOwner && me.role === 'instructor';
  const hasTerminal = isOwner || watching;
  // `scenario dev` only: null on a normal server
  const author = isOwner ? await api.author() : null;

  const progress = createProgressView();
  const timer = createTimer();
  const stateBadge = h('span', { class: 'state', 'data-testid': 'lab-state' });
  const checkButton = h('button', { class: 'primary', 'aria-keyshortcuts': 'Alt+Shift+C' }, 'Check');
  const resetButton = h('button', {}, 'Reset');
  const endButton = h('button', { class: 'danger' }, 'End');
  const scoreSlot = h('div', { class: 'score-slot' });
  const tasksSlot = h('div');
  const instructionsSlot = h('div', { 'data-testid': 'instructions' });
  const renderInstructions = (): void => {
    clear(instructionsSlot);
    instructionsSlot.append(
      scenario
        ? renderMarkdown(scenario.instructions)
        : h('p', {}, 'This scenario is no longer in the catalog.'),
    );
  };
  const solutionSlot = h('div');
  const termContainer = h('div', {
    class: watching ? 'terminal read-only' : 'terminal',
    'aria-label': watching
      ? "Read-only view of the learner's terminal"
      : 'Terminal: root shell on the control-plane node',
  });
  const watchedBanner = h(
    'p',
    { class: 'banner watched', 'data-testid': 'watched-banner', role: 'status', hidden: true },
    'An instructor is watching your terminal (read-only: they cannot type in it).',
  );
  const watchingBanner = h(
    'p',
    { class: 'banner watching', 'data-testid': 'watching-banner', hidden: !watching },
    "You are watching this learner's terminal live. It is read-only: nothing you type reaches it.",
  );
  const termOverlay = h('div', { class: 'terminal-overlay', hidden: true });
  const replayLink = (text: string) =>
    h('a', { href: `/labs/${labId}/replay`, onclick: linkTo(`/labs/${labId}/replay`) }, text);
  const endedNote = h(
    'p',
    { class: 'banner', hidden: true },
    'This lab is over. ',
    replayLink('Replay its terminal'),
    ' · ',
    h('a', { href: '/', onclick: linkTo('/') }, 'Back to the catalog'),
  );

  const renderResults = (attempt: Attempt | undefined): void => {
    clear(scoreSlot);
    clear(tasksSlot);
    if (attempt) scoreSlot.append(renderScore(attempt));
    if (scenario) tasksSlot.append(renderTasks(scenario, attempt));
    clear(solutionSlot);
    if (details.solution) solutionSlot.append(renderSolution(details.solution));
  };

  const socket = connectLab(labId);
  const terminal = createTerminalWithTakeover(
    termContainer,
    termOverlay,
    socket,
    'This lab is open in another tab or window.',
    { readOnly: watching },
  );
  socket.on('terminal:watchers', (count) => {
    watchedBanner.hidden = !isOwner || count === 0;
  });

  const showLab = (lab: LabView): void => {
    details = { ...details, lab };
    stateBadge.textContent = lab.state;
    stateBadge.className = `state ${lab.state}`;
    progress.showLab(lab);
    const live = lab.state === 'ready' || lab.state === 'grading';
    checkButton.disabled = lab.state !== 'ready' || !isOwner;
    resetButton.disabled = !isOwner || lab.state === 'ended' || lab.state === 'requested';
    endButton.disabled = lab.state === 'ended';
    termContainer.classList.toggle('inactive', !live);
    if (live && lab.readyAt && scenario) timer.start(lab.readyAt, scenario.minutes);
    else timer.stop();
    timer.element.hidden = !live;
    if (lab.state === 'ended' || lab.state === 'failed') endedNote.hidden = false;
    if (live && hasTerminal && terminal.wantsAttach && socket.connected) terminal.attach();
  };

  socket.on('lab:state', showLab);
  socket.on('lab:progress', (event) => progress.onEvent(event));
  socket.on('connect_error', (error) => {
    const refusal = refusalOf(error);
    if (refusal) toast(error.message);
  });
  // the server cuts a page's sockets when its session ends (sign-out elsewhere, expiry, the instructor signed the
  // learner out or closed the workshop): then show the sign-in page instead of a terminal that never comes back
  socket.on('disconnect', (reason) => {
    if (reason !== 'io server disconnect') return;
    api.me().catch(() => location.assign('/'));
  });

  const check = (): void => {
    if (checkButton.disabled) return;
    checkButton.disabled = true;
    checkButton.textContent = 'Checking…';
    api
      .check(labId)
      .then(({ attempt, solution }) => {
        details = { ...details, attempts: [...details.attempts, attempt], solution };
        renderResults(attempt);
        scoreSlot.scrollIntoView({ block: 'start', behavior: 'smooth' });
        toast(
          attempt.passed
            ? 'Every task passes.'
            : 'Some tasks are not done yet; see the messages under each task.',
        );
      })
      .catch((error: unknown) => toast(error instanceof Error ? error.message : 'Check failed.'))
      .finally(() => {
        checkButton.textContent = 'Check';
        checkButton.disabled = details.lab.state !== 'ready' || !isOwner;
      });
  };
  checkButton.addEventListener('click', check);
  resetButton.addEventListener('click', () => {
    if (
      !confirm('Reset this lab? Your cluster is replaced by a fresh one and everything you changed is lost.')
    )
      return;
    api.reset(labId).then(showLab, (e: unknown) => toast(e instanceof Error ? e.message : 'Reset failed.'));
  });
  endButton.addEventListener('click', () => {
    if (!confirm('End this lab? Its cluster is deleted.')) return;
    endButton.disabled = true;
    endButton.textContent = 'Ending…';
    api.end(labId).then(
      (lab) => {
        endButton.textContent = 'End';
        showLab(lab);
      },
      (e: unknown) => toast(e instanceof Error ? e.message : 'End failed.'),
    );
  });
  const onKey = (event: KeyboardEvent): void => {
    if (event.altKey && event.shiftKey && event.code === 'KeyC') {
      event.preventDefault();
      check();
    }
  };
  document.addEventListener('keydown', onKey, true);

  const authorTools = author
    ? createAuthorTools(labId, author, () => details.lab.state === 'ready', {
        // an author's save: the scenario as the server reads it now replaces the one shown
        onScenario: (next) => {
          scenario = next;
          details = { ...details, scenario: next };
          renderInstructions();
          renderResults(details.attempts.at(-1));
        },
      })
    : undefined;

  main.append(
    h(
      'section',
      { class: 'lab', 'data-lab': labId },
      h(
        'header',
        { class: 'lab-head' },
        h('h1', {}, scenario?.title ?? details.lab.scenarioId),
        stateBadge,
        timer.element,
        h('div', { class: 'actions' }, replayLink('Replay'), checkButton, resetButton, endButton),
      ),
      h(
        'div',
        { class: 'lab-body' },
        h(
          'aside',
          { class: 'lab-side', 'aria-label': 'Instructions and tasks' },
          endedNote,
          progress.element,
          ...(authorTools ? [authorTools.element] : []),
          instructionsSlot,
          h('h2', {}, 'Tasks'),
          scoreSlot,
          tasksSlot,
          solutionSlot,
        ),
        h('div', { class: 'lab-terminal' }, watchedBanner, watchingBanner, termContainer, termOverlay),
      ),
    ),
  );
  renderInstructions();
  renderResults(details.attempts.at(-1));
  showLab(details.lab);
  socket.on('connect', () => {
    const lab = details.lab;
    const live = lab.state === 'ready' || lab.state === 'grading';
    if (live && hasTerminal && terminal.wantsAttach) terminal.attach();
  });
  terminal.focus();

  return () => {
    authorTools?.stop();
    document.removeEventListener('keydown', onKey, true);
    timer.stop();
    socket.close();
    terminal.dispose();
  };
}
