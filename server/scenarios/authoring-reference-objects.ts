import { isObjectShape, type JsonSchema } from './authoring-reference-fields.js';

/** Where an object shape is documented: beside the part of the file where it first appears. */
export type ReferencePart = 'scenario' | 'steps' | 'checks';

/** An object that fields hold (a task, a resource reference, a text match…), documented once with its table. */
export interface ObjectShape {
  anchor: string;
  schema: JsonSchema;
  /** The field names that hold it, e.g. `fields[]` and `field`, in order of first use. */
  names: string[];
  /** Who holds it, e.g. "check `resource` → `fields[]`". */
  usedBy: string[];
  part: ReferencePart;
}

/**
 * Every object shape reachable from some fields, deduplicated by structure: zod inlines a shared schema (a
 * resource reference, a value assertion) wherever it is used, and the reader should find one table for it.
 */
export class ObjectShapes {
  private readonly byKey = new Map<string, ObjectShape>();

  /** Records the objects inside `properties` (held by `owner`) and, depth first, the objects inside those. */
  collect(properties: Record<string, JsonSchema>, owner: string, part: ReferencePart): void {
    for (const [name, field] of Object.entries(properties)) this.visit(field, name, owner, part);
  }

  find(schema: JsonSchema): ObjectShape | undefined {
    return this.byKey.get(shapeKey(schema));
  }

  inPart(part: ReferencePart): ObjectShape[] {
    return [...this.byKey.values()].filter((shape) => shape.part === part);
  }

  private visit(field: JsonSchema, name: string, owner: string, part: ReferencePart): void {
    if (field.type === 'array' && field.items) return this.visit(field.items, `${name}[]`, owner, part);
    for (const branch of field.anyOf ?? []) this.visit(branch, name, owner, part);
    if (!isObjectShape(field)) return;
    const key = shapeKey(field);
    const known = this.byKey.get(key);
    const usage = `${owner} → \`${name}\``;
    if (known) {
      if (!known.names.includes(name)) known.names.push(name);
      known.usedBy.push(usage);
      return;
    }
    const shape = { anchor: this.anchorFor(name), schema: field, names: [name], usedBy: [usage], part };
    this.byKey.set(key, shape);
    this.collect(field.properties ?? {}, `\`${name}\``, part);
  }

  private anchorFor(name: string): string {
    const base = `object-${name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')}`;
    const taken = new Set([...this.byKey.values()].map((shape) => shape.anchor));
    let anchor = base;
    for (let n = 2; taken.has(anchor); n++) anchor = `${base}-${n}`;
    return anchor;
  }
}

/** The shape without the description of the field that holds it: the same object under another field. */
function shapeKey(schema: JsonSchema): string {
  return JSON.stringify({ ...schema, description: undefined });
}
