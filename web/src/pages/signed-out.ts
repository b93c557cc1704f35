import { h } from '../dom.js';

/** Shown whenever /api/session answers 401: never signed in, signed out, session expired, or revoked. */
export function renderSignedOut(main: HTMLElement): void {
  main.append(
    h(
      'section',
      { class: 'panel narrow' },
      h('h1', {}, 'Sign in to cks-lab'),
      h(
        'p',
        {},
        'You are not signed in, or your session ended (it expired, you signed out, or the workshop host signed you out or closed the workshop).',
      ),
      h(
        'p',
        {},
        'In a workshop, ask your instructor for the workshop code and ',
        h('a', { href: '/join' }, 'join here'),
        '.',
      ),
      h(
        'p',
        {},
        'Running cks-lab yourself? Open the sign-in link it printed (it ends in ?token=…). Links are shown only when they are made; ',
        h('code', {}, 'npx cks-lab serve --rotate-tokens'),
        ' prints new ones.',
      ),
    ),
  );
}
