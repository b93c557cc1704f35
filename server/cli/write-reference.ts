import { writeFileSync } from 'node:fs';
import { renderCliReference } from './reference.js';

writeFileSync(new URL('../../docs/cli.md', import.meta.url), renderCliReference());
process.stdout.write('docs/cli.md written\n');
