import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { run } from '../../../server/exec/run.js';
import { goBuildEnv } from '../../../server/scenarios/images.js';

// trivy-critical's offline DB builder is tested in Go beside the code (it builds the DB from the advisory fixture
// and reads it back the way trivy does); this runs those tests as part of `npm test`.
const dbDir = fileURLToPath(new URL('../../../scenarios/trivy-critical/db/', import.meta.url));

test('trivy-critical DB builder: go test passes on the advisory fixture', async () => {
  const result = await run(['go', 'test', '-count=1', './...'], {
    cwd: dbDir,
    env: goBuildEnv(),
    timeoutMs: 10 * 60_000,
    allowFailure: true,
  });
  assert.equal(result.exitCode, 0, `go test failed in ${dbDir}:\n${result.stdout}\n${result.stderr}`);
  assert.match(result.stdout, /^ok\s+cks-lab\.local\/scenarios\/trivy-critical\/db/m);
});
