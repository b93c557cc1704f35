import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { renderAuthoringReference } from '../../../server/scenarios/authoring-reference.js';
import {
  AUTHORING_DOC_PATH,
  REFERENCE_END,
  REFERENCE_START,
  withCurrentReference,
} from '../../../server/scenarios/authoring-reference-doc.js';
import { escapeCell, type JsonSchema } from '../../../server/scenarios/authoring-reference-fields.js';
import { scenarioJsonSchema } from '../../../server/scenarios/json-schema.js';

/** The schema as editors see it: the kinds and fields below come from it, never from a list in this test. */
const schema = JSON.parse(scenarioJsonSchema()) as JsonSchema;
const reference = renderAuthoringReference(schema);

function kindsOf(definition: string): { name: string; fields: string[] }[] {
  return (schema.definitions?.[definition]?.oneOf ?? []).map((variant) => ({
    name: String(variant.properties?.kind?.const),
    fields: Object.keys(variant.properties ?? {}).filter((field) => field !== 'kind'),
  }));
}

/** The text from a heading to the next heading of the same level or above. */
function section(text: string, heading: string): string {
  const start = text.indexOf(heading);
  assert.ok(start >= 0, `the reference lacks the heading ${heading}`);
  const rest = text.slice(start + heading.length);
  const next = rest.search(/^#{1,4} /m);
  return next < 0 ? rest : rest.slice(0, next);
}

const row = (field: string) => `| \`${field}\` |`;

describe('docs/authoring.md reference', () => {
  it('the committed docs/authoring.md has the current reference (run `npm run docs` if not)', () => {
    const committed = readFileSync(AUTHORING_DOC_PATH, 'utf8');
    assert.ok(
      committed === withCurrentReference(committed, reference),
      'the generated reference in docs/authoring.md is stale: run `npm run docs`',
    );
  });

  it('has a row for every top-level field of scenario.yaml', () => {
    const fields = Object.keys(schema.definitions?.['Scenario']?.properties ?? {});
    assert.ok(fields.includes('tasks') && fields.includes('solution'), 'the schema lost its scenario fields');
    const table = section(reference, '`scenario.yaml`\n');
    for (const field of fields)
      assert.ok(table.includes(row(field)), `no row for scenario.yaml field ${field}`);
  });

  for (const [definition, noun] of [
    ['Step', 'step'],
    ['Check', 'check'],
  ] as const) {
    it(`has a section for every ${noun} kind, and each field of a kind has a row there or in the common fields`, () => {
      const kinds = kindsOf(definition);
      assert.ok(kinds.length >= 5, `the schema has only ${kinds.length} ${noun} kinds`);
      const common = section(reference, `Fields every ${noun} has:`);
      for (const kind of kinds) {
        const own = section(reference, `<a id="${noun}-${kind.name}"></a>\`kind: ${kind.name}\``);
        for (const field of kind.fields) {
          assert.ok(
            own.includes(row(field)) || common.includes(row(field)),
            `${noun} kind ${kind.name}: no row for field ${field}`,
          );
        }
      }
    });
  }

  it('every link in the reference points at an anchor it defines', () => {
    const anchors = new Set([...reference.matchAll(/<a id="([^"]+)"><\/a>/g)].map((m) => m[1]));
    const targets = [...reference.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]);
    assert.ok(targets.length > 20, 'the reference links its objects, steps and checks');
    for (const target of targets) assert.ok(anchors.has(target), `link to #${target} has no anchor`);
  });

  it('renders type, required, default, allowed values and description, and leaves a missing description blank', () => {
    const rendered = renderAuthoringReference({
      definitions: {
        Scenario: {
          type: 'object',
          properties: {
            mode: { type: 'string', pattern: '^0?[0-7]{3}$', default: '0644', description: 'octal | quoted' },
            size: { type: 'integer', minimum: 1, maximum: 9 },
          },
          required: ['size'],
        },
        Step: { oneOf: [{ type: 'object', properties: { kind: { type: 'string', const: 'apply' } } }] },
        Check: { oneOf: [{ type: 'object', properties: { kind: { type: 'string', const: 'resource' } } }] },
      },
    });
    assert.ok(
      rendered.includes('| `mode` | string |  | `"0644"` | matches `^0?[0-7]{3}$` | octal \\| quoted |'),
    );
    assert.ok(rendered.includes('| `size` | integer | yes |  | ≥ 1, ≤ 9 |  |'));
  });

  it('escapes Markdown in schema prose outside code spans only', () => {
    assert.equal(escapeCell('files <name>/* `a|<b>*`'), 'files &lt;name>/\\* `a\\|<b>*`');
  });
});

describe('docs/authoring.md guide', () => {
  const doc = readFileSync(AUTHORING_DOC_PATH, 'utf8');
  const guide = doc.slice(0, doc.indexOf(REFERENCE_START));

  it('names every step kind and check kind in its hand-written part', () => {
    for (const kind of [...kindsOf('Step'), ...kindsOf('Check')]) {
      assert.ok(guide.includes(`\`${kind.name}\``), `the guide never mentions kind ${kind.name}`);
    }
  });

  it('keeps the prose when the reference is regenerated, and refuses a page without markers', () => {
    const page = `# Guide\n\nprose\n\n${REFERENCE_START}\nold\n${REFERENCE_END}\n\nafter\n`;
    assert.equal(
      withCurrentReference(page, '## Reference\n'),
      `# Guide\n\nprose\n\n${REFERENCE_START}\n\n## Reference\n\n${REFERENCE_END}\n\nafter\n`,
    );
    assert.throws(() => withCurrentReference('# Guide\n', '## Reference\n'), /npm run docs/);
  });
});
