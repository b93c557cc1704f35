#!/usr/bin/env node
// npm test: runs the unit, cluster and e2e tiers in order with node's test runner.
// Tiers that need Docker skip loudly without an engine; CKS_LAB_REQUIRE_CLUSTER=1 turns that skip into a failure.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

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
process.exit(failed ? 1 : 0);
