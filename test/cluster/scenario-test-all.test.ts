// Acceptance (a) and (c) of issue 3 on real kind clusters: `scenario test --all` (every task fails unsolved, passes
// solved, every wrong answer fails its named checks), printing its table and FIGURE lines for the report (grading time is a benchmark: npm run bench, not an assertion).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLogger } from '../../server/log.js';
import { testScenario, type ScenarioTestReport } from '../../server/scenarios/harness.js';
import { loadCatalog } from '../../server/scenarios/loader.js';
import { formatProblem } from '../../server/scenarios/problems.js';
import { formatTestReports } from '../../server/scenarios/report.js';
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
  const reports: ScenarioTestReport[] = [];
  for (const scenario of scenarios) {
    process.stdout.write(`scenario test ${scenario.id} …\n`);
    reports.push(
      await testScenario(scenario, {
        provider: tier!.provider,
        logger,
        image: tier!.image,
        createTimeoutMs: 15 * 60_000,
      }),
    );
  }
  process.stdout.write(`${formatTestReports(reports)}\n`);
  for (const report of reports) {
    figure(`scenario_${report.id}_setup_seconds`, ((report.setupMs ?? NaN) / 1000).toFixed(1));
    figure(`scenario_${report.id}_grade_ms`, report.gradeMs ?? NaN);
    figure(`scenario_${report.id}_grade_max_ms`, report.gradeMaxMs ?? NaN);
  }
  assert.deepEqual(
    reports.filter((r) => !r.ok).map((r) => r.id),
    [],
    'scenarios with mismatches (see the table)',
  );
});
