import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { scenarioJsonSchema } from '../../../server/scenarios/json-schema.js';
import { JSON_SCHEMA_PATH } from '../../../server/scenarios/write-json-schema.js';

describe('scenario JSON Schema', () => {
  it('the committed scenarios/scenario.schema.json matches the zod schema (run `npm run schema` if not)', async () => {
    const committed = await readFile(JSON_SCHEMA_PATH, 'utf8');
    assert.equal(
      committed,
      scenarioJsonSchema(),
      'scenarios/scenario.schema.json is stale: run `npm run schema`',
    );
  });

  it('describes scenarios, checks and steps for editors (draft-07)', () => {
    const schema = JSON.parse(scenarioJsonSchema()) as {
      $schema: string;
      definitions: Record<string, { oneOf?: { properties: { kind: { const: string } } }[] }>;
    };
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    const kinds = (name: string) => schema.definitions[name]?.oneOf?.map((o) => o.properties.kind.const);
    assert.deepEqual(kinds('Check'), [
      'resource',
      'admission',
      'access',
      'podExec',
      'nodeExec',
      'nodeFile',
      'script',
      'allOf',
      'anyOf',
      'not',
    ]);
    assert.deepEqual(kinds('Step'), ['apply', 'copy', 'script', 'wait', 'delete']);
  });
});
