#!/usr/bin/env node
// npm test: runs the unit, cluster and e2e tiers in order with node's test runner, doing what is missing first:
// dependencies (npm ci), host preparation before the cluster tiers (as root; otherwise the one command to run),
// the node image. Tiers that need Docker skip loudly without an engine;
// CKS_LAB_REQUIRE_CLUSTER=1 turns that skip into a failure.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDependencies } from './dependencies.js';

ensureDependencies(join(dirname(fileURLToPath(import.meta.url)), '..'));

const ALL_TIERS = ['unit', 'cluster', 'e2e'];
const requested = process.argv.slice(2);
const tiers = requested.length ? requested : ALL_TIERS;
for (const tier of tiers) {
  if (!ALL_TIERS.includes(tier)) {
    console.error(`unknown test tier "${tier}"; use one of: ${ALL_TIERS.join(', ')}`);
    process.exit(2);
  }
}

function testFiles(dir) {
  let found = [];
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return found; // a tier without a folder has no tests yet
  }
  for (const entry of entries.sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) found = found.concat(testFiles(path));
    else if (/\.test\.ts$/.test(entry)) found.push(path);
  }
  return found;
}

function dockerEngineAnswers() {
  const probe = spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  return probe.status === 0;
}

// The cluster and e2e tiers run on the node image of this checkout: build it first (cached by content hash, so
// this takes seconds when nothing changed). Without an engine the tiers skip (or fail under REQUIRE) themselves.
let imageReady = false;
function ensureNodeImage() {
  if (imageReady || !dockerEngineAnswers()) return true;
  console.log('\n=== node image (npx cks-lab image build) ===');
  const build = spawnSync(process.execPath, ['bin/cks-lab.js', 'image', 'build'], { stdio: 'inherit' });
  imageReady = build.status === 0;
  return imageReady;
}

// The cluster and e2e tiers need a Docker engine (e2e also Debian's chromium). As root this runs the same code as
// `npx cks-lab host prepare`; anyone else gets one line with the command (the tiers then skip loudly, or fail
// under CKS_LAB_REQUIRE_CLUSTER=1, as they always have).
let hostChecked = false;
let hostProblem = null;
async function prepareHost(tier) {
  if (hostChecked) return;
  hostChecked = true;
  const { register } = await import('tsx/esm/api');
  register();
  const { readHostFacts } = await import('../server/platform/facts.ts');
  const { hostAction, problemLine } = await import('../server/platform/host-action.ts');
  const browserWanted = tiers.includes('e2e') && testFiles(join('test', 'e2e')).length > 0;
  const action = hostAction(await readHostFacts({ browserWanted }));
  if (action.kind === 'instruct') hostProblem = problemLine(action.problem);
  if (action.kind !== 'prepare') return;
  const argv = ['bin/cks-lab.js', 'host', 'prepare', ...(action.withBrowser ? ['--with-browser'] : [])];
  console.log(`\n=== host preparation for the ${tier} tier (npx cks-lab ${argv.slice(1).join(' ')}) ===`);
  const prepared = spawnSync(process.execPath, argv, { stdio: 'inherit' });
  if (prepared.status !== 0) failed = true;
}

let failed = false;
// Static checks first: strict types, lint and formatting are part of the suite, not a separate habit.
if (tiers.includes('unit')) {
  for (const [name, argv] of [
    ['typecheck (tsc --noEmit)', ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json']],
    ['eslint', ['node_modules/eslint/bin/eslint.js', '.']],
    ['prettier --check', ['node_modules/prettier/bin/prettier.cjs', '--check', '--log-level', 'warn', '.']],
  ]) {
    const check = spawnSync(process.execPath, argv, { stdio: 'inherit' });
    console.log(`${check.status === 0 ? 'ok' : 'FAILED'}: ${name}`);
    if (check.status !== 0) failed = true;
  }
}
for (const tier of tiers) {
  const files = testFiles(join('test', tier));
  if (!files.length) continue;
  if (tier !== 'unit') await prepareHost(tier);
  if (tier !== 'unit' && !ensureNodeImage()) {
    console.error(`node image build failed: the ${tier} tier cannot run`);
    failed = true;
    continue;
  }
  console.log(`\n=== ${tier} tests (${files.length} files) ===`);
  // cluster and e2e tests share one Docker engine and two cores: run their files one at a time
  const concurrency = tier === 'unit' ? [] : ['--test-concurrency=1'];
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', ...concurrency, ...files], {
    stdio: 'inherit',
    env: { ...process.env, CKS_LAB_TEST_TIER: tier },
  });
  if (result.status !== 0) failed = true;
}
if (hostProblem) {
  // the skipped tiers said SKIPPED above; this is what makes them run
  console.error(`\nnpm test could not run every tier: ${hostProblem}`);
}
process.exit(failed ? 1 : 0);
