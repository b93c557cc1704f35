import { h } from '../dom.js';

export function renderSignedOut(main: HTMLElement): void {
  main.append(
    h(
      'section',
      { class: 'panel narrow' },
      h('h1', {}, 'Sign in to cks-lab'),
      h(
        'p',
        {},
        'Open the URL the cks-lab server printed when it started (it ends in ?token=…). ',
        'In a workshop, ask your instructor for the workshop code and ',
        h('a', { href: '/join' }, 'join here'),
        '.',
      ),
    ),
  );
}
