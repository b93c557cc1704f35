import type { Command } from 'commander';
import {
  EXAM_SETS,
  ExamDefinitionError,
  ExamPlanError,
  composeExam,
  examIdHelp,
  loadExamCatalog,
  planExam,
  resolveExam,
  summarizeExam,
} from '../../exams/index.js';
import { createClusterProvider } from '../../clusters/index.js';
import { formatExamList, formatExamPlan, formatExamProof } from '../../exams/format.js';
import { proveExam } from '../../exams/prove.js';
import { ExamRunError } from '../../exams/runner.js';
import { createLogger } from '../../log.js';
import { DEFAULT_SCENARIOS_DIR, loadCatalog } from '../../scenarios/loader.js';
import { formatDuration, printProgress } from '../progress-printer.js';
import { UserError } from '../user-error.js';

interface GroupOptions {
  scenariosDir: string;
}

export function registerExamCommands(program: Command): void {
  const group = program
    .command('exam')
    .description(
      'mock exams composed from the catalog: list the sets, show how a set is placed on clusters, prove a set on real clusters',
    )
    .option('--scenarios-dir <dir>', 'catalog folder', DEFAULT_SCENARIOS_DIR);
  const dirOf = (): string => (group.opts() as GroupOptions).scenariosDir;

  group
    .command('list')
    .description("list the exam sets: tasks, minutes and each CKS domain's share of the task weight")
    .option('--json', 'print the sets as JSON')
    .action((opts: { json?: boolean }) =>
      asUserErrors(async () => {
        const catalog = await loadExamCatalog(dirOf());
        const summaries = EXAM_SETS.map((definition) => summarizeExam(composeExam(definition, catalog)));
        process.stdout.write(
          opts.json ? `${JSON.stringify(summaries, null, 2)}\n` : `${formatExamList(summaries)}\n`,
        );
      }),
    );

  group
    .command('plan')
    .description(
      'show which cluster each scenario of a set is set up on (no two that change the same global state, use ' +
        "the same namespace or the same Service IP share one) and each cluster's nodes",
    )
    .argument('<id>', `exam id: ${examIdHelp()}`)
    .option('--json', 'print the set and its plan as JSON')
    .action((id: string, opts: { json?: boolean }) =>
      asUserErrors(async () => {
        const catalog = await loadExamCatalog(dirOf());
        const set = resolveExam(id, catalog);
        const summary = summarizeExam(set);
        const plan = planExam(set);
        process.stdout.write(
          opts.json
            ? `${JSON.stringify({ exam: summary, scenarios: set.scenarios, clusters: plan.clusters }, null, 2)}\n`
            : `${formatExamPlan(set, summary, plan)}\n`,
        );
      }),
    );

  group
    .command('test')
    .description(
      'prove a set on real clusters: create and link its planned clusters (`ssh cks-exam-N` hops), set every ' +
        'scenario up, grade (must be 0 %), run every solution, grade (must be 100 %); exit 1 otherwise',
    )
    .argument('<id>', `exam id: ${examIdHelp()}`)
    .option('--keep', 'keep the clusters for inspection instead of deleting them')
    .option('--image <image>', 'node image (default: the one `cks-lab image build` makes)')
    .action((id: string, opts: { keep?: boolean; image?: string }) =>
      asUserErrors(async () => {
        const set = resolveExam(id, await loadExamCatalog(dirOf()));
        const plan = planExam(set);
        const { scenarios } = await loadCatalog(dirOf());
        process.stderr.write(
          `proving exam ${set.id} on ${plan.clusters.length} clusters (${set.scenarios.length} scenarios)\n`,
        );
        const proof = await proveExam(set, plan, new Map(scenarios.map((s) => [s.id, s])), {
          provider: createClusterProvider(),
          logger: createLogger('exam'),
          progress: printProgress(),
          image: opts.image,
          keep: opts.keep,
        });
        process.stdout.write(`\n${formatExamProof(set, proof, formatDuration)}\n`);
        process.exitCode = proof.ok ? 0 : 1;
      }),
    );
}

/** An exam that does not exist or cannot be placed is the author's to fix: one line, no stack. */
async function asUserErrors(action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (error) {
    if (
      error instanceof ExamDefinitionError ||
      error instanceof ExamPlanError ||
      error instanceof ExamRunError
    )
      throw new UserError(error.message);
    throw error;
  }
}
