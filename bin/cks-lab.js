#!/usr/bin/env node
// Runs the TypeScript sources directly (tsx), so `npx cks-lab` needs no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../server/cli/main.ts');
process.exitCode = await main(process.argv);
