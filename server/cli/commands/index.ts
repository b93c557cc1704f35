import type { Command } from 'commander';
import { registerClusterCommands } from './cluster.js';
import { registerDoctorCommand } from './doctor.js';
import { registerExamCommands } from './exam.js';
import { registerHostCommands } from './host.js';
import { registerImageCommands } from './image.js';
import { registerServeCommand } from './serve.js';
import { registerScenarioCommands } from './scenario.js';

/** Each feature adds its subcommands here (one file per command group). */
export function registerCommands(program: Command): void {
  registerHostCommands(program);
  registerDoctorCommand(program);
  registerImageCommands(program);
  registerClusterCommands(program);
  registerServeCommand(program);
  registerScenarioCommands(program);
  registerExamCommands(program);
}
