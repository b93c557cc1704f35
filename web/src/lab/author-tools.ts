import { api, type AuthorView, type ScenarioInfo } from '../api.js';
import { clear, h, toast } from '../dom.js';

/** How often the page asks for the scenario as the server reads it now (the server looks at the folder each 1 s). */
const FOLLOW_MS = 1000;

export interface AuthorTools {
  element: HTMLElement;
  stop(): void;
}

/**
 * The lab page's author mode (`scenario dev`): follows the author's saves (instructions and tasks re-rendered,
 * lint problems listed), and runs the scenario's solution or a named wrong answer on the lab's cluster. Reset
 * (set up again on a fresh cluster) and Check are the lab's own buttons.
 */
export function createAuthorTools(
  labId: string,
  initial: AuthorView,
  isReady: () => boolean,
  on: { onScenario: (scenario: ScenarioInfo) => void },
): AuthorTools {
  let view = initial;
  let shown = '';
  const problems = h('div', { class: 'author-problems', 'data-testid': 'author-problems' });
  const solutionButton = h('button', { 'data-testid': 'author-solution' }, 'Run the solution');
  const wrongSelect = h('select', { 'aria-label': 'Wrong answer' });
  const wrongButton = h('button', { 'data-testid': 'author-wrong' }, 'Run wrong answer');
  const status = h('p', { class: 'author-status', 'data-testid': 'author-status', role: 'status' });
  const followNote = h('p', { class: 'author-status' });

  const renderView = (): void => {
    clear(problems);
    problems.append(
      view.problems.length
        ? h('ul', {}, ...view.problems.map((problem) => h('li', {}, h('code', {}, problem))))
        : h('p', {}, 'lint: passes'),
    );
    const selected = wrongSelect.value;
    clear(wrongSelect);
    for (const name of view.wrongAnswers) wrongSelect.append(h('option', { value: name }, name));
    if (view.wrongAnswers.includes(selected)) wrongSelect.value = selected;
    wrongSelect.disabled = wrongButton.disabled = view.wrongAnswers.length === 0;
  };

  const run = (what: { kind: 'solution' } | { kind: 'wrong'; name: string }, label: string): void => {
    if (!isReady()) {
      toast('The lab is not ready yet.');
      return;
    }
    solutionButton.disabled = wrongButton.disabled = true;
    status.textContent = `${label}: running…`;
    api
      .authorRun(labId, what)
      .then((result) => {
        status.textContent = result.ok
          ? `${label}: done in ${(result.durationMs / 1000).toFixed(1)} s; click Check to grade it`
          : `${label}: failed: ${result.message}`;
      })
      .catch((error: unknown) => {
        status.textContent = `${label}: ${error instanceof Error ? error.message : 'failed'}`;
      })
      .finally(() => {
        solutionButton.disabled = false;
        wrongButton.disabled = view.wrongAnswers.length === 0;
      });
  };
  solutionButton.addEventListener('click', () => run({ kind: 'solution' }, 'solution'));
  wrongButton.addEventListener('click', () => {
    const name = wrongSelect.value;
    if (name) run({ kind: 'wrong', name }, `wrong answer ${name}`);
  });

  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const follow = async (): Promise<void> => {
    try {
      const [details, next] = await Promise.all([api.lab(labId), api.author()]);
      const scenario = details.scenario;
      const print = JSON.stringify(scenario && [scenario.title, scenario.instructions, scenario.tasks]);
      if (scenario && shown && print !== shown) on.onScenario(scenario);
      shown = print;
      if (next) view = next;
      renderView();
      followNote.textContent = '';
    } catch (error) {
      // the server restarting, or a file mid-save: the next round tries again
      followNote.textContent = `not following the folder right now: ${error instanceof Error ? error.message : 'no answer'}`;
    }
    if (!stopped) timer = setTimeout(() => void follow(), FOLLOW_MS);
  };
  renderView();
  void follow();

  const element = h(
    'section',
    { class: 'author-tools', 'data-testid': 'author-tools', 'aria-label': 'Author mode' },
    h('h2', {}, 'Author mode'),
    h('p', {}, 'Saved files show here within a second. Reset sets the scenario up again on a fresh cluster.'),
    h('div', { class: 'actions' }, solutionButton, wrongSelect, wrongButton),
    status,
    problems,
    followNote,
  );
  return {
    element,
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
