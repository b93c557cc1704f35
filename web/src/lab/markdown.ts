import DOMPurify from 'dompurify';
import { marked } from 'marked';
import { h } from '../dom.js';

/**
 * Scenario markdown as safe HTML: marked renders, DOMPurify strips anything active (scenario authors are trusted
 * less than the page that holds a root shell). Every code block gets a Copy button.
 */
export function renderMarkdown(markdown: string): HTMLElement {
  const container = h('div', { class: 'markdown' });
  const html = marked.parse(markdown, { async: false, gfm: true });
  container.innerHTML = DOMPurify.sanitize(html, { USE_PROFILES: { html: true } });
  for (const link of container.querySelectorAll('a[href]')) {
    link.setAttribute('target', '_blank');
    link.setAttribute('rel', 'noopener noreferrer');
  }
  for (const pre of container.querySelectorAll('pre')) addCopyButton(pre);
  return container;
}

function addCopyButton(pre: HTMLPreElement): void {
  const button = h('button', { type: 'button', class: 'copy', 'aria-label': 'Copy this code' }, 'Copy');
  button.addEventListener('click', () => {
    const text = (pre.querySelector('code') ?? pre).textContent ?? '';
    navigator.clipboard
      .writeText(text.replace(/\n$/, ''))
      .then(() => flash(button, 'Copied'))
      .catch(() => flash(button, 'Select and copy'));
  });
  pre.classList.add('has-copy');
  pre.prepend(button);
}

function flash(button: HTMLButtonElement, label: string): void {
  button.textContent = label;
  window.setTimeout(() => (button.textContent = 'Copy'), 1500);
}
