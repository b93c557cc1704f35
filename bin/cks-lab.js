#!/usr/bin/env node
// Runs the TypeScript sources directly (tsx), so `npx cks-lab` needs no build step.
import { register } from 'tsx/esm/api';

register();
// CLI commands print their own progress; structured logs stay quiet unless asked for (serve logs at info)
process.env.CKS_LAB_LOG_LEVEL ??= process.argv[2] === 'serve' ? 'info' : 'warn';
const { main } = await import('../server/cli/main.ts');
process.exitCode = await main(process.argv);
