import { fileURLToPath } from 'node:url';
import { renderAuthoringReference } from './authoring-reference.js';

/** docs/authoring.md: a hand-written guide, then the generated field reference between these markers. */
export const AUTHORING_DOC_PATH = fileURLToPath(new URL('../../docs/authoring.md', import.meta.url));
export const REFERENCE_START = '<!-- generated: reference start (npm run docs) -->';
export const REFERENCE_END = '<!-- generated: reference end -->';

/** The guide with its generated part replaced by the current reference; the hand-written prose is kept. */
export function withCurrentReference(doc: string, reference: string = renderAuthoringReference()): string {
  const start = doc.indexOf(REFERENCE_START);
  const end = doc.indexOf(REFERENCE_END);
  if (start < 0 || end < start) {
    throw new Error(
      `${AUTHORING_DOC_PATH} lacks the markers of its generated part: put "${REFERENCE_START}" and ` +
        `"${REFERENCE_END}", each on a line of its own, where the reference belongs, then run \`npm run docs\``,
    );
  }
  return `${doc.slice(0, start + REFERENCE_START.length)}\n\n${reference}\n${doc.slice(end)}`;
}
