// `npm run docs`: regenerates docs/cli.md and the reference part of docs/authoring.md (unit tests fail when stale).
import { readFileSync, writeFileSync } from 'node:fs';
import { AUTHORING_DOC_PATH, withCurrentReference } from '../scenarios/authoring-reference-doc.js';
import { renderCliReference } from './reference.js';

writeFileSync(new URL('../../docs/cli.md', import.meta.url), renderCliReference());
process.stdout.write('docs/cli.md written\n');

writeFileSync(AUTHORING_DOC_PATH, withCurrentReference(readFileSync(AUTHORING_DOC_PATH, 'utf8')));
process.stdout.write('docs/authoring.md: reference regenerated\n');
