type Child = Node | string | null | undefined | false;

type Attributes = Record<string, string | number | boolean | EventListener | undefined>;

/** Builds an element: h('button', { class: 'primary', onclick: start }, 'Start'). Text is never parsed as HTML. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.replace(/^on/, ''), value);
    else if (value === true) element.setAttribute(name, '');
    else element.setAttribute(name, String(value));
  }
  element.append(...children.filter((c): c is Node | string => c !== null && c !== undefined && c !== false));
  return element;
}

export function clear(element: Element): void {
  element.replaceChildren();
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`page is missing #${id}`);
  return element as T;
}

/** A short message in the polite live region (screen readers announce it). */
export function toast(message: string): void {
  const region = byId('toast');
  region.textContent = message;
  region.classList.add('visible');
  window.setTimeout(() => region.classList.remove('visible'), 5000);
}
