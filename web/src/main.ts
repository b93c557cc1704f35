import '@xterm/xterm/css/xterm.css';
import './styles.css';
import { api, ApiError, type Me } from './api.js';
import { byId, clear, h } from './dom.js';
import { renderCatalog } from './pages/catalog.js';
import { renderExam } from './pages/exam.js';
import { renderExams } from './pages/exams.js';
import { renderHistory } from './pages/history.js';
import { renderInstructor } from './pages/instructor.js';
import { renderJoin } from './pages/join.js';
import { renderLab } from './pages/lab.js';
import { renderReplay } from './pages/replay.js';
import { renderSignedOut } from './pages/signed-out.js';
import { linkTo, setRenderer } from './router.js';

/** A page renders into <main> and returns how to tear itself down (sockets, timers) when the route changes. */
export type Cleanup = () => void;

let cleanup: Cleanup | undefined;

function renderNav(me: Me | null): void {
  const nav = byId('nav');
  clear(nav);
  if (!me) return;
  nav.append(h('a', { href: '/', onclick: linkTo('/') }, 'Catalog'));
  nav.append(h('a', { href: '/exams', onclick: linkTo('/exams') }, 'Exams'));
  nav.append(h('a', { href: '/history', onclick: linkTo('/history') }, 'History'));
  if (me.role === 'instructor')
    nav.append(h('a', { href: '/instructor', onclick: linkTo('/instructor') }, 'Instructor'));
  const signOut = h('button', { class: 'link' }, 'Sign out');
  signOut.addEventListener('click', () => void api.logout().then(() => location.assign('/')));
  nav.append(h('span', { class: 'who' }, `Signed in as ${me.name}`), signOut);
}

async function route(): Promise<void> {
  cleanup?.();
  cleanup = undefined;
  const main = byId('main');
  clear(main);
  const path = location.pathname;
  if (path === '/join') {
    renderNav(null);
    renderJoin(main);
    return;
  }
  let me: Me;
  try {
    me = await api.me();
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      renderNav(null);
      renderSignedOut(main);
      return;
    }
    throw error;
  }
  renderNav(me);
  const labMatch = /^\/labs\/([a-z0-9]+)$/.exec(path);
  const replayMatch = /^\/labs\/([a-z0-9]+)\/replay$/.exec(path);
  const examMatch = /^\/exams\/([a-z0-9]+)$/.exec(path);
  if (labMatch?.[1]) cleanup = await renderLab(main, labMatch[1], me);
  else if (examMatch?.[1]) cleanup = await renderExam(main, examMatch[1], me);
  else if (path === '/exams') await renderExams(main);
  else if (replayMatch?.[1]) cleanup = await renderReplay(main, replayMatch[1], me);
  else if (path === '/instructor' && me.role === 'instructor') cleanup = await renderInstructor(main);
  else if (path === '/history') await renderHistory(main);
  else cleanup = await renderCatalog(main);
  main.focus({ preventScroll: true });
}

setRenderer(route);
window.addEventListener('popstate', () => void route());
window.addEventListener('unhandledrejection', (event) => {
  const main = byId('main');
  const reason: unknown = event.reason;
  main.prepend(
    h(
      'p',
      { class: 'error', role: 'alert' },
      reason instanceof Error ? reason.message : 'Something went wrong.',
    ),
  );
});
void route();
