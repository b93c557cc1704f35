const MAX_CHARS = 300;

/** A value as the learner should read it in a message: strings quoted, unset values spelled out, long ones cut. */
export function formatValue(value: unknown): string {
  const text = render(value);
  return text.length > MAX_CHARS ? `${text.slice(0, MAX_CHARS)}…` : text;
}

function render(value: unknown): string {
  if (value === undefined) return 'not set';
  if (Array.isArray(value)) return `[${value.map(render).join(', ')}]`;
  if (typeof value === 'string') return JSON.stringify(value);
  if (value instanceof RegExp) return `/${value.source}/`;
  return JSON.stringify(value) ?? String(value);
}

/** Last lines of command output, for messages ("exited 1: <tail>"). */
export function outputTail(text: string, maxChars = 400): string {
  const trimmed = text.trim();
  return trimmed.length > maxChars ? `…${trimmed.slice(-maxChars)}` : trimmed;
}
