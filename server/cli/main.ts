import { Command, CommanderError } from 'commander';
import { registerCommands } from './commands/index.js';
import { CommandError } from '../exec/run.js';
import { UserError } from './user-error.js';

/** Entry point of `cks-lab`; returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = new Command('cks-lab')
    .description('Self-hosted CKS training lab on real kind clusters')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)');
  registerCommands(program);
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    // commander's own refusals (unknown option, missing argument) are usage errors like ours: exit 2; help exits 0
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof UserError) {
      process.stderr.write(`error: ${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof CommandError) {
      // the command line and its output say what failed; our stack would not
      process.stderr.write(`error: ${error.message}\n`);
      return 1;
    }
    process.stderr.write(
      `error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return 1;
  }
}
