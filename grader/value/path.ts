/**
 * A small jsonpath dialect for assertions: `spec.containers[0].image`, `metadata.labels["a.b/c"]`,
 * `spec.containers[*].name` (every element), `status.conditions[?(@.type=="Ready")].status` (first element whose
 * field equals the literal). A leading `$`, `.` or kubectl-style `{…}` is accepted.
 */
export type PathSegment =
  | { kind: 'key'; key: string }
  | { kind: 'index'; index: number }
  | { kind: 'wildcard' }
  | { kind: 'filter'; field: string[]; value: string | number | boolean | null };

export class PathSyntaxError extends Error {
  constructor(path: string, position: number, what: string) {
    super(`path "${path}" at character ${position + 1}: ${what}`);
    this.name = 'PathSyntaxError';
  }
}

const IDENT = /^[A-Za-z_][\w-]*/;
const BRACKET_FORMS: { pattern: RegExp; build: (m: RegExpMatchArray) => PathSegment }[] = [
  { pattern: /^\[\*\]/, build: () => ({ kind: 'wildcard' }) },
  { pattern: /^\[(-?\d+)\]/, build: (m) => ({ kind: 'index', index: Number(m[1]) }) },
  { pattern: /^\[\s*"((?:[^"\\]|\\.)*)"\s*\]/, build: (m) => ({ kind: 'key', key: unescape(m[1] ?? '') }) },
  { pattern: /^\[\s*'((?:[^'\\]|\\.)*)'\s*\]/, build: (m) => ({ kind: 'key', key: unescape(m[1] ?? '') }) },
  {
    pattern:
      /^\[\?\(\s*@\.([\w.-]+)\s*==\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|-?\d+(?:\.\d+)?|true|false|null)\s*\)\]/,
    build: (m) => ({ kind: 'filter', field: (m[1] ?? '').split('.'), value: literal(m[2] ?? 'null') }),
  },
];

function unescape(text: string): string {
  return text.replace(/\\(.)/g, '$1');
}

function literal(text: string): string | number | boolean | null {
  if (text.startsWith('"') || text.startsWith("'")) return unescape(text.slice(1, -1));
  if (text === 'true' || text === 'false') return text === 'true';
  if (text === 'null') return null;
  return Number(text);
}

export function parsePath(path: string): PathSegment[] {
  let rest = path.trim();
  if (rest.startsWith('{') && rest.endsWith('}')) rest = rest.slice(1, -1).trim();
  if (rest.startsWith('$')) rest = rest.slice(1);
  const offset = () => path.length - rest.length;
  const segments: PathSegment[] = [];
  while (rest.length > 0) {
    if (rest.startsWith('.')) {
      rest = rest.slice(1);
      const ident = IDENT.exec(rest);
      if (!ident) throw new PathSyntaxError(path, offset(), 'expected a field name after "."');
      segments.push({ kind: 'key', key: ident[0] });
      rest = rest.slice(ident[0].length);
      continue;
    }
    if (rest.startsWith('[')) {
      const form = BRACKET_FORMS.map((f) => ({ f, m: f.pattern.exec(rest) })).find((x) => x.m);
      if (!form?.m) {
        throw new PathSyntaxError(path, offset(), 'expected [N], [*], ["key"] or [?(@.field=="value")]');
      }
      segments.push(form.f.build(form.m));
      rest = rest.slice(form.m[0].length);
      continue;
    }
    const ident = segments.length === 0 ? IDENT.exec(rest) : null;
    if (!ident) throw new PathSyntaxError(path, offset(), `unexpected "${rest[0]}"`);
    segments.push({ kind: 'key', key: ident[0] });
    rest = rest.slice(ident[0].length);
  }
  if (segments.length === 0) throw new PathSyntaxError(path, 0, 'empty path');
  return segments;
}

/** The value at a path: one value (undefined when not set) or, through a wildcard, one value per element. */
export type Resolved = { many: false; value: unknown } | { many: true; values: unknown[] };

export function resolvePath(root: unknown, path: string | PathSegment[]): Resolved {
  const segments = typeof path === 'string' ? parsePath(path) : path;
  return resolveFrom(root, segments);
}

function resolveFrom(node: unknown, segments: PathSegment[]): Resolved {
  const [head, ...tail] = segments;
  if (!head) return { many: false, value: node };
  if (head.kind === 'wildcard') {
    const elements = Array.isArray(node) ? node : isRecord(node) ? Object.values(node) : undefined;
    if (!elements) return { many: false, value: undefined };
    // nested wildcards flatten, as kubectl's jsonpath prints them
    const values = elements.flatMap((element) => {
      const sub = resolveFrom(element, tail);
      return sub.many ? sub.values : [sub.value];
    });
    return { many: true, values };
  }
  return resolveFrom(step(node, head), tail);
}

function step(node: unknown, segment: Exclude<PathSegment, { kind: 'wildcard' }>): unknown {
  switch (segment.kind) {
    case 'key':
      return isRecord(node) ? node[segment.key] : undefined;
    case 'index':
      if (!Array.isArray(node)) return undefined;
      return node[segment.index < 0 ? node.length + segment.index : segment.index];
    case 'filter':
      if (!Array.isArray(node)) return undefined;
      return node.find((element) => fieldOf(element, segment.field) === segment.value);
  }
}

function fieldOf(node: unknown, field: string[]): unknown {
  return field.reduce<unknown>((value, key) => (isRecord(value) ? value[key] : undefined), node);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
