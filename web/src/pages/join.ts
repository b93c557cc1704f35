import { api, ApiError } from '../api.js';
import { h } from '../dom.js';

/** Workshop sign-in: a name and the code the instructor handed out. */
export function renderJoin(main: HTMLElement): void {
  const error = h('p', { class: 'error', role: 'alert', hidden: true });
  const name = h('input', {
    id: 'join-name',
    name: 'name',
    autocomplete: 'name',
    required: true,
    maxlength: 60,
  });
  const code = h('input', {
    id: 'join-code',
    name: 'code',
    autocomplete: 'off',
    autocapitalize: 'off',
    spellcheck: false,
    required: true,
    maxlength: 32,
    placeholder: 'abcd-efgh-jkmn',
  });
  const form = h(
    'form',
    { class: 'panel narrow' },
    h('h1', {}, 'Join a workshop'),
    h('label', { for: 'join-name' }, 'Your name'),
    name,
    h('label', { for: 'join-code' }, 'Workshop code'),
    code,
    error,
    h('button', { type: 'submit', class: 'primary' }, 'Join'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    error.hidden = true;
    api
      .join(name.value, code.value)
      .then(() => location.assign('/'))
      .catch((e: unknown) => {
        // the server's words: a mistyped/expired/closed code, or too many attempts (with how long to wait)
        error.textContent = e instanceof ApiError ? e.message : 'Could not reach the server.';
        error.hidden = false;
      });
  });
  main.append(form);
  name.focus();
}
