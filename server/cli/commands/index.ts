import type { Command } from 'commander';
import { registerHostCommands } from './host.js';

/** Each feature adds its subcommands here (one file per command group). */
export function registerCommands(program: Command): void {
  registerHostCommands(program);
}
