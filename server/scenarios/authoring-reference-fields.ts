/**
 * How one field of the scenario JSON Schema reads in the authoring reference: its type, the values it allows and
 * its description, as Markdown table cells. Object shapes are not expanded here; `linkObject` names them.
 */

/** The subset of draft-07 JSON Schema that zod's toJSONSchema emits for scenario.yaml. */
export interface JsonSchema {
  type?: string;
  $ref?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  description?: string;
  title?: string;
  pattern?: string;
  minLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  definitions?: Record<string, JsonSchema>;
}

export interface FieldCells {
  type: string;
  allowed: string;
  description: string;
}

/** Turns an object shape (a schema with properties) into a Markdown link to its table. */
export type ObjectLinker = (shape: JsonSchema) => string;

/** Turns a `$ref` such as #/definitions/Check into a Markdown link to its section. */
export type RefLinker = (ref: string) => string;

export interface Linkers {
  linkObject: ObjectLinker;
  linkRef: RefLinker;
}

/** An object schema with its own fields (not a free-form mapping): it gets a table of its own. */
export function isObjectShape(schema: JsonSchema): boolean {
  return schema.type === 'object' && schema.properties !== undefined;
}

export function fieldCells(schema: JsonSchema, linkers: Linkers): FieldCells {
  const { type, allowed } = typeAndAllowed(schema, linkers);
  const branches = schema.anyOf ?? schema.items?.anyOf ?? [];
  const branchTypes = branches.map((branch) => typeAndAllowed(branch, linkers).type);
  // "string: a ref in the local engine; object: a folder to build": only when the type tells the branches apart
  const distinct = new Set(branchTypes).size === branches.length;
  const branchNotes = distinct
    ? branches.flatMap((branch, i) =>
        branch.description ? [`${branchTypes[i]}: ${escapeCell(branch.description)}`] : [],
      )
    : [];
  const description = [escapeCell(schema.description ?? ''), ...branchNotes].filter(Boolean).join('; ');
  return { type, allowed, description };
}

/** A default as it would be written in YAML (JSON is valid YAML; strings stay quoted, e.g. "0644"). */
export function formatDefault(schema: JsonSchema): string {
  return schema.default === undefined ? '' : code(JSON.stringify(schema.default));
}

function typeAndAllowed(schema: JsonSchema, linkers: Linkers): { type: string; allowed: string } {
  if (schema.$ref) return { type: linkers.linkRef(schema.$ref), allowed: '' };
  if (schema.anyOf) {
    const branches = schema.anyOf.map((branch) => typeAndAllowed(branch, linkers));
    const onlyValues = schema.anyOf.every(
      (branch) => branch.const !== undefined || branch.enum !== undefined,
    );
    return {
      type: unique(branches.map((b) => b.type)).join(' or '),
      allowed: unique(branches.flatMap((b) => b.allowed.split('; ')).filter(Boolean)).join(
        onlyValues ? ', ' : '; ',
      ),
    };
  }
  if (schema.const !== undefined) return { type: typeName(schema), allowed: code(yamlScalar(schema.const)) };
  if (schema.enum) {
    return { type: typeName(schema), allowed: schema.enum.map((v) => code(yamlScalar(v))).join(', ') };
  }
  if (schema.type === 'array') {
    const items = schema.items ? typeAndAllowed(schema.items, linkers) : { type: 'any', allowed: '' };
    const atLeast = schema.minItems
      ? `at least ${schema.minItems} item${schema.minItems === 1 ? '' : 's'}`
      : '';
    return { type: `list of ${items.type}`, allowed: [items.allowed, atLeast].filter(Boolean).join('; ') };
  }
  if (isObjectShape(schema)) return { type: linkers.linkObject(schema), allowed: '' };
  if (schema.type === 'object') return { type: 'mapping', allowed: '' };
  return { type: typeName(schema), allowed: constraints(schema) };
}

function typeName(schema: JsonSchema): string {
  if (schema.type) return schema.type;
  if (schema.const !== undefined) return typeof schema.const;
  return 'any';
}

function constraints(schema: JsonSchema): string {
  const parts: string[] = [];
  if (schema.pattern !== undefined) parts.push(`matches ${code(schema.pattern)}`);
  else if (schema.minLength === 1) parts.push('not empty');
  const range = numericRange(schema);
  if (range) parts.push(range);
  return parts.join('; ');
}

function numericRange(schema: JsonSchema): string {
  const lower =
    schema.exclusiveMinimum !== undefined
      ? `> ${schema.exclusiveMinimum}`
      : schema.minimum !== undefined
        ? `≥ ${schema.minimum}`
        : '';
  // zod writes Number.MAX_SAFE_INTEGER as the maximum of every int(): that is no limit a reader needs
  const hasUpper = schema.maximum !== undefined && schema.maximum !== Number.MAX_SAFE_INTEGER;
  const upper =
    schema.exclusiveMaximum !== undefined
      ? `< ${schema.exclusiveMaximum}`
      : hasUpper
        ? `≤ ${schema.maximum}`
        : '';
  return [lower, upper].filter(Boolean).join(', ');
}

function yamlScalar(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/** A code span that survives a GFM table cell (a pipe ends the cell even inside backticks). */
export function code(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text.replaceAll('|', '\\|')}${pad}${fence}`;
}

/**
 * Schema prose in a table cell: pipes escaped everywhere; outside code spans also `<` (read as HTML) and `*`
 * (read as emphasis), so texts such as "<name>.data/scripts/*" show as written.
 */
export function escapeCell(text: string): string {
  return text
    .split('`')
    .map((part, index) => {
      const escaped = part.replaceAll('|', '\\|');
      return index % 2 === 1 ? escaped : escaped.replaceAll('<', '&lt;').replaceAll('*', '\\*');
    })
    .join('`');
}
