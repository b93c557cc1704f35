#!/usr/bin/env node
// npm run soak: the load and fault suite (soak/run.ts under tsx), passing on any arguments.
import { spawnSync } from 'node:child_process';

const result = spawnSync(process.execPath, ['--import', 'tsx', 'soak/run.ts', ...process.argv.slice(2)], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
