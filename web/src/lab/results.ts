import type { Attempt, ScenarioInfo } from '../api.js';
import { h } from '../dom.js';
import { renderMarkdown } from './markdown.js';

type Status = 'pass' | 'fail' | 'error' | 'unchecked';
const STATUS_TEXT: Record<Status, string> = {
  pass: '✔ passed',
  fail: '✘ not yet',
  error: '! could not check',
  unchecked: '',
};

/** The task list: instructions per task and, after a Check, each check's message and the hints. */
export function renderTasks(scenario: ScenarioInfo, attempt: Attempt | undefined): HTMLElement {
  const list = h('ol', { class: 'tasks' });
  for (const task of scenario.tasks) {
    const result = attempt?.tasks.find((t) => t.taskId === task.id);
    const status: Status = result?.status ?? 'unchecked';
    const item = h(
      'li',
      { class: `task ${status}`, 'data-task': task.id, 'data-status': status },
      h(
        'h3',
        {},
        task.title,
        status !== 'unchecked' ? h('span', { class: `status ${status}` }, STATUS_TEXT[status]) : null,
      ),
      renderMarkdown(task.instructions),
    );
    if (result && result.status !== 'pass') {
      const checks = h('ul', { class: 'checks' });
      for (const check of result.checks) {
        checks.append(
          h(
            'li',
            { class: check.status },
            h(
              'span',
              { class: 'check-status' },
              check.status === 'pass' ? '✔' : check.status === 'fail' ? '✘' : '!',
            ),
            ' ',
            h('strong', {}, check.name),
            `: ${check.message}`,
            check.hint && check.status !== 'pass' ? h('p', { class: 'hint' }, `Hint: ${check.hint}`) : null,
          ),
        );
      }
      item.append(checks);
      if (result.hint) item.append(h('p', { class: 'hint' }, `Hint: ${result.hint}`));
    }
    list.append(item);
  }
  return list;
}

export function renderScore(attempt: Attempt): HTMLElement {
  const passed = attempt.tasks.filter((t) => t.status === 'pass').length;
  return h(
    'p',
    { class: `score ${attempt.passed ? 'pass' : 'fail'}`, role: 'status' },
    attempt.passed
      ? `All ${attempt.tasks.length} tasks pass (score ${attempt.score}%).`
      : `${passed} of ${attempt.tasks.length} tasks pass (score ${attempt.score}%). Checked ${new Date(attempt.at).toLocaleTimeString()}.`,
  );
}

export function renderSolution(markdown: string): HTMLElement {
  return h('details', { class: 'solution' }, h('summary', {}, 'Show the solution'), renderMarkdown(markdown));
}
