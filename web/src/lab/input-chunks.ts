import { MAX_INPUT_EVENT_CHARS } from '../../../server/terminal/events.js';

/**
 * Splits what xterm's onData gives (a whole paste arrives as one string) into `terminal:input` events the
 * server accepts. A cut never falls between the two halves of a surrogate pair, so an emoji at a boundary
 * arrives whole instead of as two replacement characters.
 */
export function chunkTerminalInput(data: string, maxChars = MAX_INPUT_EVENT_CHARS): string[] {
  if (maxChars < 2) throw new Error('chunkTerminalInput: maxChars must be at least 2');
  const chunks: string[] = [];
  let start = 0;
  while (start < data.length) {
    let end = Math.min(start + maxChars, data.length);
    const last = data.charCodeAt(end - 1);
    if (end < data.length && last >= 0xd800 && last <= 0xdbff) end -= 1; // a high surrogate: keep it with its pair
    chunks.push(data.slice(start, end));
    start = end;
  }
  return chunks;
}
