/** Client-side navigation: main.ts registers the renderer, pages call navigate() without importing main.ts. */
let render: () => Promise<void> = async () => undefined;

export function setRenderer(renderer: () => Promise<void>): void {
  render = renderer;
}

export function navigate(path: string): void {
  history.pushState(null, '', path);
  void render();
}

/** An onclick handler for in-app links (the href still works with a middle click or without scripts). */
export function linkTo(path: string): EventListener {
  return (event) => {
    event.preventDefault();
    navigate(path);
  };
}
