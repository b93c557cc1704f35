import type { Command } from 'commander';
import { formatReport } from '../../doctor/format.js';
import { isReady, runDoctor } from '../../doctor/run-doctor.js';

export function registerDoctorCommand(program: Command): void {
  program
    .command('doctor')
    .description(
      'Check the prerequisites for running labs; each problem comes with its fix (exit 1 when not ready)',
    )
    .action(async () => {
      const results = await runDoctor();
      process.stdout.write(formatReport(results));
      process.exitCode = isReady(results) ? 0 : 1;
    });
}
