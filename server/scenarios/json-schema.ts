import { z } from 'zod';
import { scenarioSchema } from './schema.js';

/** The JSON Schema editors use to check scenario.yaml (draft-07: the widest editor support). */
export function scenarioJsonSchema(): string {
  const schema = z.toJSONSchema(scenarioSchema, { io: 'input', target: 'draft-7', unrepresentable: 'any' });
  return `${JSON.stringify(schema, null, 2)}\n`;
}
