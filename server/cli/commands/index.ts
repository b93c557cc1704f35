import type { Command } from 'commander';

/** Each feature adds its subcommands here (one file per command group). */
export function registerCommands(_program: Command): void {}
