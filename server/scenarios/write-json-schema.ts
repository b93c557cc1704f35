// `npm run schema`: regenerates scenarios/scenario.schema.json from the zod schema.
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { scenarioJsonSchema } from './json-schema.js';

export const JSON_SCHEMA_PATH = fileURLToPath(
  new URL('../../scenarios/scenario.schema.json', import.meta.url),
);

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await writeFile(JSON_SCHEMA_PATH, scenarioJsonSchema());
  process.stdout.write(`wrote ${JSON_SCHEMA_PATH}\n`);
}
