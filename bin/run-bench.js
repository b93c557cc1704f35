#!/usr/bin/env node
// npm run bench: runs every bench/*.bench.ts in turn (tsx), passing on any arguments; non-zero if one fails.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const files = readdirSync('bench')
  .filter((name) => name.endsWith('.bench.ts'))
  .sort();
if (!files.length) {
  console.error('no bench/*.bench.ts files');
  process.exit(1);
}
let failed = false;
for (const file of files) {
  console.log(`\n=== ${file} ===`);
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', join('bench', file), ...process.argv.slice(2)],
    {
      stdio: 'inherit',
    },
  );
  if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
