import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { createLabServer } from '../../app.js';
import { createClusterProvider } from '../../clusters/index.js';
import { cacheRoot } from '../../files/cache-root.js';
import { createAuthorMode, type AuthorMode } from '../../labs/author-mode.js';
import { createScenarioEngine } from '../../labs/scenario-engine.js';
import { log } from '../../log.js';
import { loadScenario, loadScenarioArg } from '../../scenarios/loader.js';
import { formatProblem } from '../../scenarios/problems.js';
import { openStore } from '../../store/index.js';
import { printProgress } from '../progress-printer.js';
import { UserError } from '../user-error.js';
import { readServeConfig } from './serve-config.js';
import { explainStoreErrors, lockDataDirOrExplain, startOrExplain, untilSignal } from './serve-lifecycle.js';
import { buildWebApp, webRootOf } from './serve-prerequisites.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const LINT_EVERY_MS = 1000;

interface DevOptions {
  port: string;
  dataDir?: string;
  spare: boolean;
}

/** `cks-lab scenario dev`: a lab server for one scenario folder, with the author's tools on its lab page. */
export function registerScenarioDev(group: Command): void {
  group
    .command('dev')
    .description(
      "an author's loop for one scenario: starts its lab on a real cluster and prints the link to its page in " +
        'author mode (instructions and tasks re-rendered on every save, Check, Reset = setup again on a fresh ' +
        'pooled cluster, run the solution or a named wrong answer); prints lint problems with file:line as ' +
        'they appear; runs until Ctrl-C (the lab and its cluster stay for the next run)',
    )
    .argument('<scenario>', 'scenario id (in scenarios/) or a scenario folder')
    .option('--port <port>', 'port on 127.0.0.1', '3001')
    .option(
      '--data-dir <dir>',
      "the dev server's own data (default: <cache>/dev/<id>, apart from `serve`'s data dir)",
    )
    .option('--no-spare', 'keep no warm cluster for Reset (saves a cluster; Reset then creates one)')
    .action(async (scenarioArg: string, options: DevOptions) => {
      const loaded = await loadScenarioArg(scenarioArg);
      if (!loaded.scenario) {
        const problems = loaded.problems.map((p) => `  ${formatProblem(p)}`).join('\n');
        throw new UserError(`${scenarioArg} does not load; fix these first:\n${problems}`);
      }
      const { id, dir } = loaded.scenario;
      const config = readServeConfig(process.env, { port: options.port, host: '127.0.0.1', pool: '0' });
      const dataDir = options.dataDir ?? join(cacheRoot(), 'dev', id);
      const lock = await lockDataDirOrExplain(dataDir);
      await buildWebApp(repoRoot, printProgress());
      const provider = createClusterProvider();
      // the catalog is this one folder, read again after every save (ScenarioCatalog checks the folder's stats)
      const scenarios = createScenarioEngine({
        provider,
        scenariosDir: dir,
        logger: log,
        load: async (root) => {
          const result = await loadScenario(root);
          return { scenarios: result.scenario ? [result.scenario] : [], problems: result.problems };
        },
      });
      const store = await explainStoreErrors(() => openStore(dataDir));
      // a new link on every start: only hashes are stored, and the author is the only one signing in
      const { tokens } = await explainStoreErrors(() => store.signInTokens.rotate());
      const author = createAuthorMode({ dir, scenarioId: id, provider, logger: log });
      const nodes = loaded.scenario.spec.nodes;
      const server = createLabServer({
        store,
        provider,
        scenarios,
        labConfig: config.lab,
        pool: options.spare
          ? { spec: { targets: [{ kind: 'shape', nodes, count: 1 }] }, tuning: { maxConcurrentCreates: 1 } }
          : undefined,
        logger: log,
        allowedOrigins: null,
        sessionTtlMs: config.sessionTtlMs,
        webRoot: webRootOf(repoRoot),
        terminal: { graceMs: config.terminalGraceMs },
        author,
      });
      const address = await startOrExplain(server, config.port, config.host);
      const learner = await store.learners.ensureSingleton('local');
      const open = store.labs
        .forLearner(learner.id)
        .find((lab) => lab.scenarioId === id && lab.state !== 'ended' && lab.state !== 'failed');
      const labId = open?.id ?? (await server.labs.start(learner, id)).id;
      process.stdout.write(
        [
          `cks-lab scenario dev: ${id} (${dir})`,
          `  open:  http://localhost:${address.port}/labs/${labId}?token=${tokens.access}`,
          `  lab:   ${open ? 'the one this folder had open, kept from the last run' : 'starting on a fresh cluster'}; Reset sets it up again on a fresh one`,
          `  data:  ${store.file}`,
          '',
        ].join('\n'),
      );
      const stopLint = watchLint(author);
      await untilSignal();
      stopLint();
      process.stdout.write('stopping (the lab and its cluster stay; `scenario dev` again picks them up)\n');
      await server.close();
      lock.release();
    });
}

/** Prints `lint: passes` or the problems with file:line each time the set changes after a save. */
function watchLint(author: AuthorMode): () => void {
  let lastShown: string | undefined;
  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      const { problems } = await author.view();
      const shown = problems.length
        ? `lint: ${problems.length} problem(s)\n${problems.map((p) => `  ${p}`).join('\n')}`
        : 'lint: passes';
      if (shown !== lastShown) process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${shown}\n`);
      lastShown = shown;
    } catch (error) {
      log.warn({ err: error }, 'linting the scenario folder failed');
    } finally {
      busy = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), LINT_EVERY_MS);
  return () => clearInterval(timer);
}
