import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { renderCliReference } from '../../server/cli/reference.js';

test('docs/cli.md matches the commands (run `npm run docs` after changing a command)', () => {
  const committed = readFileSync(new URL('../../docs/cli.md', import.meta.url), 'utf8');
  assert.equal(committed, renderCliReference());
});

test('the reference documents every subcommand the README names', () => {
  const reference = renderCliReference();
  for (const command of [
    'doctor',
    'host prepare',
    'image build',
    'cluster create',
    'scenario test',
    'serve',
  ]) {
    assert.ok(reference.includes(`\`cks-lab ${command}`), `docs/cli.md lacks cks-lab ${command}`);
  }
});
