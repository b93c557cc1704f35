import type { Command } from 'commander';
import { prepareHost } from '../../../infra/host/prepare.js';
import { log } from '../../log.js';
import { printProgress } from '../progress-printer.js';
import { UserError } from '../user-error.js';

export function registerHostCommands(program: Command): void {
  const host = program.command('host').description('Set up this machine to run cks-lab');
  host
    .command('prepare')
    .description(
      'Install and start a Docker engine, add the runc capability clamp where needed, raise inotify limits, ' +
        "put the lab network firewall in place (labs reach no internet, cloud metadata or this host's ports; " +
        'idempotent; Debian/Ubuntu, as root)',
    )
    .option('--with-browser', "also install Debian's chromium (the e2e tests drive it)")
    .action(async (opts: { withBrowser?: boolean }) => {
      const started = Date.now();
      try {
        await prepareHost(printProgress(process.stdout), { withBrowser: Boolean(opts.withBrowser) });
      } catch (error) {
        log.debug({ err: error }, 'host prepare failed');
        // every step's errors already say what failed and what to do; a stack trace would bury that
        throw new UserError(`host prepare: ${error instanceof Error ? error.message : String(error)}`);
      }
      process.stdout.write(`host ready in ${((Date.now() - started) / 1000).toFixed(1)}s\n`);
    });
}
