import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  modifierNote,
  solutionCommands,
  translateMarkdown,
} from '../../../server/import/markdown-markers.js';

const fence = '```';

describe('translateMarkdown: Killercoda click markers become code blocks the lab page shows', () => {
  it('a fenced {{exec}} block becomes a bash block without the marker', () => {
    const { markdown, marked } = translateMarkdown(`Run:\n\n${fence}\nkubectl get pods\n${fence}{{exec}}\n`);
    assert.equal(markdown, `Run:\n\n${fence}bash\nkubectl get pods\n${fence}\n`);
    assert.deepEqual(
      marked.map((m) => [m.code, m.action, m.line]),
      [['kubectl get pods', 'exec', 4]],
    );
  });

  it('{{copy}} keeps the block and its language; "plain" is dropped', () => {
    const yaml = translateMarkdown(`${fence}yaml\nkind: Pod\n${fence}{{copy}}`).markdown;
    assert.equal(yaml, `${fence}yaml\nkind: Pod\n${fence}`);
    const plain = translateMarkdown(`${fence}plain\nsome text\n${fence}{{copy}}`).markdown;
    assert.equal(plain, `${fence}\nsome text\n${fence}`);
  });

  it('{{exec interrupt}} adds a note to press Ctrl+C first', () => {
    const { markdown, marked } = translateMarkdown(`${fence}\ntop\n${fence}{{exec interrupt}}`);
    assert.match(
      markdown,
      /^\*Note: stop what runs in the terminal with Ctrl\+C first\.\*\n\n```bash\ntop\n```$/,
    );
    assert.deepEqual(marked[0]?.modifiers, ['interrupt']);
  });

  it('inline `cmd`{{exec}} alone on its line becomes a fenced block, also in a list item', () => {
    assert.equal(translateMarkdown('`ls -l /etc`{{exec}}').markdown, `${fence}bash\nls -l /etc\n${fence}`);
    assert.equal(
      translateMarkdown('- `ls -l /etc`{{exec}}').markdown,
      `- ${fence}bash\n  ls -l /etc\n  ${fence}`,
    );
  });

  it('inline markers mid-sentence become plain inline code', () => {
    const { markdown, marked } = translateMarkdown('Open `~/a.yaml`{{copy}} and run `make`{{exec}} now.');
    assert.equal(markdown, 'Open `~/a.yaml` and run `make` now.');
    assert.deepEqual(
      marked.map((m) => [m.code, m.action]),
      [
        ['~/a.yaml', 'copy'],
        ['make', 'exec'],
      ],
    );
  });

  it("Katacoda's {{execute}}, {{execute T2}} and {{execute HOST2}} are read as exec with notes", () => {
    const { markdown, marked } = translateMarkdown(
      '`top`{{execute T2}}\n\n`hostname`{{execute HOST2}}\n\n`id`{{execute}}',
    );
    assert.deepEqual(
      marked.map((m) => [m.code, m.action, m.modifiers.join(' ')]),
      [
        ['top', 'exec', 'T2'],
        ['hostname', 'exec', 'HOST2'],
        ['id', 'exec', ''],
      ],
    );
    assert.match(markdown, /another terminal \(terminal 2 on Killercoda\)/);
    assert.match(markdown, /run it on node01: `ssh node01` first/);
    assert.doesNotMatch(markdown, /\{\{/);
  });

  it('a plain fenced block is left alone, even when a marked block follows it', () => {
    const text = `${fence}yaml\na: 1\n${fence}\n\n${fence}\nls\n${fence}{{exec}}`;
    const { markdown, marked } = translateMarkdown(text);
    assert.equal(markdown, `${fence}yaml\na: 1\n${fence}\n\n${fence}bash\nls\n${fence}`);
    assert.deepEqual(
      marked.map((m) => m.code),
      ['ls'],
    );
  });

  it('markers inside a plain fenced block are code, not markers', () => {
    const text = `${fence}\necho '\`x\`{{exec}}'\n${fence}`;
    const { markdown, marked } = translateMarkdown(text);
    assert.equal(markdown, text);
    assert.equal(marked.length, 0);
  });

  it("Katacoda's editor blocks are reported", () => {
    const { leftovers } = translateMarkdown(
      '<pre class="file" data-filename="app.yaml" data-target="replace">x</pre>',
    );
    assert.deepEqual(leftovers, [
      { line: 1, text: '<pre class="file" data-filename="app.yaml" data-target="replace">' },
    ]);
  });

  it('Killercoda placeholders and local pictures are reported, Go templates are not', () => {
    const { leftovers } = translateMarkdown(
      'Open {{TRAFFIC_HOST1_80}}\n\n![diagram](./arch.png) ![remote](https://x.example/a.png)\n\n' +
        "`kubectl get pods -o go-template='{{.metadata.name}}'`",
    );
    assert.deepEqual(leftovers, [
      { line: 1, text: '{{TRAFFIC_HOST1_80}}' },
      { line: 3, text: '![diagram](./arch.png)' },
    ]);
  });
});

describe('solutionCommands: {{exec}} code inside <details> is the solution', () => {
  it('takes exec blocks inside <details> in order, not copy blocks and not blocks outside', () => {
    const text = [
      '`kubectl get ns`{{exec}}',
      '<details><summary>Solution</summary>',
      '',
      `${fence}\nkubectl create ns a\n${fence}{{exec}}`,
      '',
      `${fence}yaml\nkind: Namespace\n${fence}{{copy}}`,
      '',
      '`kubectl label ns a x=y`{{exec}}',
      '</details>',
      '`kubectl get ns a`{{exec}}',
    ].join('\n');
    assert.deepEqual(solutionCommands(translateMarkdown(text)), [
      'kubectl create ns a',
      'kubectl label ns a x=y',
    ]);
  });

  it('finds nothing without <details>', () => {
    assert.deepEqual(solutionCommands(translateMarkdown('`ls`{{exec}}')), []);
  });
});

describe('modifierNote', () => {
  it('says nothing for terminal 1 or unknown modifiers', () => {
    assert.equal(modifierNote(['T1', 'no-newline']), undefined);
  });
});
