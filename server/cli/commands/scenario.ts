import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { createClusterProvider } from '../../clusters/index.js';
import {
  ClusterCreateError,
  ClusterNotFoundError,
  InvalidArgumentError,
  MissingPrerequisiteError,
} from '../../clusters/errors.js';
import { validateClusterName } from '../../clusters/kind/names.js';
import { InvalidCredentialsError, MissingCredentialsError } from '../../kube/index.js';
import { log } from '../../log.js';
import {
  checkImports,
  checkSummaryLine,
  formatSummary,
  ImportError,
  importKillercoda,
} from '../../import/index.js';
import { gradeScenario } from '../../scenarios/grade.js';
import { ensureScenarioImages } from '../../scenarios/images.js';
import { registerScenarioDev } from './scenario-dev.js';
import { defaultProofParallelism, testScenarios } from '../../scenarios/harness.js';
import {
  DEFAULT_SCENARIOS_DIR,
  loadCatalog,
  loadScenario,
  loadScenarioArg,
  SCENARIO_FILE,
  type LoadedScenario,
} from '../../scenarios/loader.js';
import { formatProblem, type Problem } from '../../scenarios/problems.js';
import { formatCatalog, formatGrade, formatTestReports } from '../../scenarios/report.js';
import { setupScenario, solveScenario } from '../../scenarios/steps.js';
import { connectToCluster, type ScenarioTarget } from '../../scenarios/target.js';
import { formatDuration, printProgress } from '../progress-printer.js';
import { UserError } from '../user-error.js';

interface GroupOptions {
  scenariosDir: string;
}

export function registerScenarioCommands(program: Command): void {
  const group = program
    .command('scenario')
    .description('scenario catalog: list, lint, set up, grade, solve and prove scenarios on real clusters')
    .option('--scenarios-dir <dir>', 'catalog folder', DEFAULT_SCENARIOS_DIR);
  const dirOf = (): string => (group.opts() as GroupOptions).scenariosDir;

  group
    .command('list')
    .description('list the scenarios in the catalog')
    .action(async () => {
      const { scenarios, problems } = await loadCatalog(dirOf());
      process.stdout.write(`${scenarios.length ? formatCatalog(scenarios) : 'no valid scenarios'}\n`);
      if (problems.length) {
        process.stderr.write(
          `warning: ${problems.length} problem(s) hide invalid scenarios; run \`cks-lab scenario lint\`\n`,
        );
      }
    });

  group
    .command('lint')
    .description('validate scenarios (all when no argument); prints every problem with file:line')
    .argument('[id-or-dir]', 'scenario id, scenario folder, or a folder of scenarios')
    .action(async (target: string | undefined) => {
      const { scenarios, problems } = await lintTarget(target, dirOf());
      for (const problem of problems) process.stdout.write(`${formatProblem(problem)}\n`);
      if (problems.length) {
        process.stderr.write(`${problems.length} problem(s); ${scenarios.length} scenario(s) valid\n`);
        process.exitCode = 1;
      } else process.stdout.write(`${scenarios.length} scenario(s) valid\n`);
    });

  group
    .command('setup')
    .description('preload images and run the setup steps on an existing cluster')
    .argument('<id>', 'scenario id or folder')
    .requiredOption('--cluster <name>', 'target cluster')
    .action((id: string, opts: { cluster: string }) =>
      asUserErrors(async () => {
        const { scenario, target } = await prepare(id, opts.cluster, dirOf());
        const started = Date.now();
        await setupScenario(scenario, target, { progress: printProgress() });
        process.stdout.write(
          `set up ${scenario.id} on ${opts.cluster} in ${formatDuration(Date.now() - started)}\n`,
        );
      }),
    );

  group
    .command('grade')
    .description('grade the live cluster; exit 0 only when every task passes')
    .argument('<id>', 'scenario id or folder')
    .requiredOption('--cluster <name>', 'target cluster')
    .option('--json', 'print the result as JSON')
    .option('--check-timeout <seconds>', 'per-check timeout', '15')
    .action((id: string, opts: { cluster: string; json?: boolean; checkTimeout: string }) =>
      asUserErrors(async () => {
        const checkTimeoutMs = seconds('--check-timeout', opts.checkTimeout);
        const { scenario, target } = await prepare(id, opts.cluster, dirOf());
        const grade = await gradeScenario(scenario, target, { checkTimeoutMs });
        process.stdout.write(opts.json ? `${JSON.stringify(grade, null, 2)}\n` : `${formatGrade(grade)}\n`);
        process.exitCode = grade.status === 'pass' ? 0 : 1;
      }),
    );

  group
    .command('solve')
    .description("run the scenario's solution steps on a cluster")
    .argument('<id>', 'scenario id or folder')
    .requiredOption('--cluster <name>', 'target cluster')
    .action((id: string, opts: { cluster: string }) =>
      asUserErrors(async () => {
        const { scenario, target } = await prepare(id, opts.cluster, dirOf());
        await solveScenario(scenario, target, { progress: printProgress() });
        process.stdout.write(`solved ${scenario.id} on ${opts.cluster}\n`);
      }),
    );

  group
    .command('images')
    .description(
      'build (or check) the images scenarios run, ahead of time: before a workshop, so no first lab waits for a ' +
        'compile (they are rebuilt only when their folder changes)',
    )
    .argument('[id]', 'scenario id or folder')
    .option('--all', 'every scenario in the catalog')
    .action((id: string | undefined, opts: { all?: boolean }) =>
      asUserErrors(async () => {
        if (Boolean(id) === Boolean(opts.all))
          throw new UserError('give a scenario id or --all (not both)', 2);
        const started = Date.now();
        const scenarios = await scenariosToTest(id, dirOf());
        const refs = new Set<string>();
        for (const scenario of scenarios) {
          process.stderr.write(`${scenario.id}:\n`);
          for (const ref of await ensureScenarioImages(scenario, printProgress())) refs.add(ref);
        }
        process.stdout.write(
          `${refs.size} image(s) of ${scenarios.length} scenario(s) ready in ${formatDuration(Date.now() - started)}\n`,
        );
      }),
    );

  group
    .command('test')
    .description(
      'prove scenarios on fresh clusters: unsolved fails, solved passes, wrong answers fail, alternatives pass',
    )
    .argument('[id]', 'scenario id or folder')
    .option('--all', 'every scenario in the catalog')
    .option('--keep', 'keep the clusters for inspection instead of deleting them')
    .option('--image <image>', 'node image (default: the one `cks-lab image build` makes)')
    .option(
      '--parallel <n>',
      'fresh clusters at once (each phase group, wrong answer and alternative gets its own)',
      String(defaultProofParallelism()),
    )
    .action(
      (id: string | undefined, opts: { all?: boolean; keep?: boolean; image?: string; parallel: string }) =>
        asUserErrors(async () => {
          if (Boolean(id) === Boolean(opts.all))
            throw new UserError('give a scenario id or --all (not both)', 2);
          const parallel = wholeNumber('--parallel', opts.parallel, 1, 16);
          const scenarios = await scenariosToTest(id, dirOf());
          process.stderr.write(
            `proving ${scenarios.map((s) => s.id).join(', ')} (${parallel} cluster(s) at a time)\n`,
          );
          const run = await testScenarios(scenarios, {
            provider: createClusterProvider(),
            logger: log,
            progress: printProgress(),
            keep: opts.keep,
            image: opts.image,
            parallel,
          });
          process.stdout.write(`\n${formatTestReports(run.reports, run)}\n`);
          process.exitCode = run.reports.every((r) => r.ok) ? 0 : 1;
        }),
    );

  group
    .command('import')
    .description(
      'import a Killercoda-format scenario (index.json) or course (structure.json) as cks-lab scenarios; ' +
        'writes IMPORT.md (what was translated, what needs the internet, what an author must still do)',
    )
    .argument('<path>', 'a Killercoda scenario folder, or a course folder with structure.json')
    .option(
      '--out <dir>',
      'the scenario folder to write (default: <catalog>/<id from the folder name>); for a course, the folder ' +
        'that receives one scenario folder per item (default: the catalog)',
    )
    .option('--force', 'replace an existing scenario folder (never a folder that holds no scenario)')
    .option(
      '--check',
      'then prove each imported scenario on a fresh cluster (setup, every verify fails, the marked solution, ' +
        'every verify passes) and add the result to IMPORT.md; exit 1 on a mismatch',
    )
    .option('--image <image>', 'with --check: node image (default: the one `cks-lab image build` makes)')
    .option('--parallel <n>', 'with --check: fresh clusters at once', String(defaultProofParallelism()))
    .action(
      (
        path: string,
        opts: { out?: string; force?: boolean; check?: boolean; image?: string; parallel: string },
      ) =>
        asUserErrors(async () => {
          const parallel = wholeNumber('--parallel', opts.parallel, 1, 16);
          const result = await importKillercoda(path, opts.out, dirOf(), {
            force: Boolean(opts.force),
            progress: printProgress(),
          }).catch((error: unknown) => {
            throw error instanceof ImportError ? new UserError(error.message) : error;
          });
          for (const report of result.reports) process.stdout.write(`${formatSummary(report)}\n`);
          for (const refused of result.refused)
            process.stderr.write(`not imported: ${refused.path}: ${refused.message}\n`);
          const lintFailed = result.reports.some((report) => report.lint.length > 0);
          if (lintFailed) process.stderr.write('the imported scenario does not lint; see IMPORT.md\n');
          let checkFailed = false;
          if (opts.check && result.reports.length) {
            process.stderr.write(
              `checking ${result.reports.map((r) => r.imported.id).join(', ')} on fresh clusters ` +
                `(${Math.min(parallel, result.reports.length)} at a time)\n`,
            );
            const started = Date.now();
            const checked = await checkImports(result.reports, {
              provider: createClusterProvider(),
              logger: log,
              progress: printProgress(),
              image: opts.image,
              parallel,
            });
            process.stdout.write('\n');
            for (const report of checked) {
              if (!report.check) continue;
              checkFailed ||= !report.check.ok;
              process.stdout.write(
                `check ${report.imported.id}: ${checkSummaryLine(report.check)}; import ` +
                  `${formatDuration(report.durationMs)}, check ${formatDuration(report.check.checkMs)} ` +
                  `(details: ${report.out}/IMPORT.md)\n`,
              );
            }
            process.stdout.write(
              `checked ${checked.length} scenario(s) in ${formatDuration(Date.now() - started)}\n`,
            );
          }
          process.exitCode = result.refused.length || lintFailed || checkFailed ? 1 : 0;
        }),
    );

  registerScenarioDev(group);
}

/** An argument may be a scenario id, a scenario folder, or a folder holding scenario folders. */
async function lintTarget(
  target: string | undefined,
  catalog: string,
): Promise<{ scenarios: LoadedScenario[]; problems: Problem[] }> {
  if (target === undefined) return loadCatalog(catalog);
  const isFolder = (await stat(target).catch(() => undefined))?.isDirectory();
  const hasScenarioFile = Boolean(await stat(join(target, SCENARIO_FILE)).catch(() => undefined));
  if (isFolder && !hasScenarioFile) return loadCatalog(target);
  const result = isFolder ? await loadScenario(target) : await loadScenarioArg(target, catalog);
  return { scenarios: result.scenario ? [result.scenario] : [], problems: result.problems };
}

async function scenariosToTest(id: string | undefined, catalog: string): Promise<LoadedScenario[]> {
  const { scenarios, problems } =
    id === undefined ? await loadCatalog(catalog) : await lintTarget(id, catalog);
  if (problems.length) throw new UserError(invalidMessage(problems));
  if (!scenarios.length) throw new UserError(`no scenarios found in ${catalog}`);
  return scenarios;
}

/** Loads a valid scenario and connects to the named cluster; nothing runs when either is wrong. */
async function prepare(
  id: string,
  clusterArg: string,
  catalog: string,
): Promise<{ scenario: LoadedScenario; target: ScenarioTarget }> {
  const cluster = validateClusterName(clusterArg, '--cluster');
  const { scenario, problems } = await loadScenarioArg(id, catalog);
  if (!scenario) throw new UserError(invalidMessage(problems));
  const target = await connectToCluster(createClusterProvider(), cluster, log);
  return { scenario, target };
}

function invalidMessage(problems: Problem[]): string {
  return `scenario is invalid (fix these, or see \`cks-lab scenario lint\`):\n${problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`;
}

function wholeNumber(option: string, value: string, min: number, max: number): number {
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max)
    throw new UserError(`invalid ${option} "${value}": use a whole number from ${min} to ${max}`, 2);
  return Number(value);
}

function seconds(option: string, value: string): number {
  if (!/^[1-9]\d*$/.test(value))
    throw new UserError(`invalid ${option} "${value}": use a whole number of seconds`, 2);
  return Number(value) * 1000;
}

/** Errors the user can act on print as one line; bad arguments exit 2. */
async function asUserErrors(action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (error) {
    if (error instanceof InvalidArgumentError) throw new UserError(error.message, 2);
    if (
      [
        ClusterNotFoundError,
        ClusterCreateError,
        MissingPrerequisiteError,
        MissingCredentialsError,
        InvalidCredentialsError,
      ].some((kind) => error instanceof kind)
    ) {
      throw new UserError((error as Error).message);
    }
    throw error;
  }
}
