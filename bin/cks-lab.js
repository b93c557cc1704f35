#!/usr/bin/env node
// Runs the TypeScript sources directly (tsx), so `npx cks-lab` needs no build step.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDependencies } from './dependencies.js';

// before tsx is imported: on a fresh clone node_modules does not exist yet
ensureDependencies(join(dirname(fileURLToPath(import.meta.url)), '..'));
const { register } = await import('tsx/esm/api');
register();
// CLI commands print their own progress; structured logs stay quiet unless asked for (serve logs at info)
process.env.CKS_LAB_LOG_LEVEL ??= process.argv[2] === 'serve' ? 'info' : 'warn';
const { main } = await import('../server/cli/main.ts');
process.exitCode = await main(process.argv);
