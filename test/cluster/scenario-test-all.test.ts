// Acceptance (a) and (c) of issue 3 on real kind clusters: `scenario test --all` (every task fails unsolved, passes
// solved, every wrong answer fails its named checks), printing its table and FIGURE lines for the report (grading time is a benchmark: npm run bench, not an assertion).
// Issue 7: the jobs run a few at a time (each still on a cluster nobody used before); the proof time per scenario
// and its projection to a 50-scenario catalog are printed as figures.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLogger } from '../../server/log.js';
import { defaultProofParallelism, testScenarios } from '../../server/scenarios/harness.js';
import { loadCatalog } from '../../server/scenarios/loader.js';
import { formatProblem } from '../../server/scenarios/problems.js';
import { formatTestReports, PROJECTED_CATALOG_SIZE } from '../../server/scenarios/report.js';
import { clusterTier, figure } from './support.js';

const tier = await clusterTier();

test('scenario test --all: every scenario is proven honest on fresh clusters', { skip: !tier }, async () => {
  const { scenarios, problems } = await loadCatalog();
  assert.deepEqual(
    problems.map((p) => formatProblem(p)),
    [],
    'the catalog must lint clean',
  );
  assert.ok(scenarios.length > 0, 'no scenarios in the catalog');
  const logger = createLogger('scenario-test');
  logger.level = 'warn';
  const parallel = defaultProofParallelism();
  process.stdout.write(
    `scenario test --all: ${scenarios.length} scenarios, ${parallel} cluster(s) at a time\n`,
  );
  const run = await testScenarios(scenarios, {
    provider: tier!.provider,
    logger,
    image: tier!.image,
    createTimeoutMs: 15 * 60_000,
    parallel,
  });
  const { reports } = run;
  process.stdout.write(`${formatTestReports(reports, run)}\n`);
  for (const report of reports) {
    figure(`scenario_${report.id}_setup_seconds`, ((report.setupMs ?? NaN) / 1000).toFixed(1));
    figure(`scenario_${report.id}_grade_ms`, report.gradeMs ?? NaN);
    figure(`scenario_${report.id}_grade_max_ms`, report.gradeMaxMs ?? NaN);
    figure(`scenario_${report.id}_proof_cluster_seconds`, (report.proofMs / 1000).toFixed(1));
  }
  const perScenario = run.wallMs / reports.length / 1000;
  figure('proof_wall_seconds', (run.wallMs / 1000).toFixed(1));
  figure('proof_seconds_per_scenario', perScenario.toFixed(1));
  figure(
    `proof_projected_${PROJECTED_CATALOG_SIZE}_scenarios_minutes`,
    ((perScenario * PROJECTED_CATALOG_SIZE) / 60).toFixed(1),
  );
  // The failed phases themselves, not just the ids: CI keeps only an excerpt of the output, and the assertion message
  // is what it shows first.
  assert.deepEqual(
    reports
      .filter((r) => !r.ok)
      .flatMap((r) =>
        r.phases.filter((p) => !p.ok).map((p) => `${r.id}: ${p.phase}: ${(p.detail ?? '').slice(0, 300)}`),
      ),
    [],
    'scenarios with mismatches (see the table)',
  );
});
