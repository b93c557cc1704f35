import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { run } from '../../../server/exec/run.js';
import { goBuildEnv } from '../../../server/scenarios/images.js';

// The backend's policy logic and HTTPS handler are tested in Go, beside the code; this runs those tests as part
// of `npm test`. Go is needed anyway: the scenario image builder compiles the backend with it.
const backendDir = fileURLToPath(
  new URL('../../../scenarios/image-policy-webhook/backend/', import.meta.url),
);

test('image-policy-webhook backend: go test passes', async () => {
  const result = await run(['go', 'test', '-count=1', './...'], {
    cwd: backendDir,
    env: goBuildEnv(),
    timeoutMs: 10 * 60_000,
    allowFailure: true,
  });
  assert.equal(result.exitCode, 0, `go test failed in ${backendDir}:\n${result.stdout}\n${result.stderr}`);
  assert.match(result.stdout, /^ok\s+cks-lab\.dev\/image-policy-backend/m);
});
