import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { run } from '../../../server/exec/run.js';

const repo = fileURLToPath(new URL('../../..', import.meta.url));
const cli = (...args: string[]) =>
  run([process.execPath, 'bin/cks-lab.js', ...args], { cwd: repo, allowFailure: true, timeoutMs: 60_000 });

describe('cks-lab scenario lint / list', () => {
  it('prints every problem with file:line and exits non-zero', async () => {
    const result = await cli('scenario', 'lint', 'test/fixtures/scenarios/broken');
    assert.equal(result.exitCode, 1);
    const lines = result.stdout.trim().split('\n');
    assert.equal(lines.length, 16);
    assert.ok(
      lines.every((line) => /^test\/fixtures\/scenarios\/broken\/[\w-]+\/[\w./-]+:\d+:\d+ /.test(line)),
      result.stdout,
    );
    assert.match(result.stderr, /16 problem\(s\); 0 scenario\(s\) valid/);
  });

  it('exits 0 on a valid scenario folder', async () => {
    const result = await cli('scenario', 'lint', 'test/fixtures/scenarios/valid/psa-demo');
    assert.equal(result.exitCode, 0, result.stderr);
    assert.equal(result.stdout, '1 scenario(s) valid\n');
  });

  it('lists the catalog as a table', async () => {
    const result = await cli('scenario', '--scenarios-dir', 'test/fixtures/scenarios/valid', 'list');
    assert.equal(result.exitCode, 0, result.stderr);
    assert.equal(
      result.stdout,
      'ID        DOMAIN                                 DIFFICULTY  MINUTES  NODES  TITLE\n' +
        'psa-demo  Minimize Microservice Vulnerabilities  easy        8        1      Enforce Pod Security on a namespace\n',
    );
  });

  it('grade refuses a bad --cluster name before touching anything', async () => {
    const result = await cli(
      'scenario',
      '--scenarios-dir',
      'test/fixtures/scenarios/valid',
      'grade',
      'psa-demo',
      '--cluster',
      'Bad_Name',
    );
    assert.equal(result.exitCode, 2);
    assert.match(result.stderr, /invalid --cluster "Bad_Name"/);
  });

  it('images needs a scenario or --all, and names an image it cannot make', async () => {
    const neither = await cli('scenario', 'images');
    assert.equal(neither.exitCode, 2);
    assert.match(neither.stderr, /give a scenario id or --all/);
    // the fixture names a plain image nothing here builds: it must exist already, and the error says how to get it
    const fixture = await cli(
      'scenario',
      '--scenarios-dir',
      'test/fixtures/scenarios/valid',
      'images',
      '--all',
    );
    assert.equal(fixture.exitCode, 1);
    assert.match(
      fixture.stderr,
      /image "cks-lab\/busybox:fixture" is not in the local Docker engine and nothing can be pulled/,
    );
  });
});
