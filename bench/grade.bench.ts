// Grading time of one scenario against a live cluster on which it is set up (solved or not: every check runs
// either way). Acceptance: a whole scenario grades in under a second on the build machine.
//   CKS_LAB_BENCH_CLUSTER=<cluster> CKS_LAB_BENCH_SCENARIO=<id> npm run bench   [-- --runs 20]
import { parseArgs } from 'node:util';
import { createClusterProvider } from '../server/clusters/index.js';
import { createLogger } from '../server/log.js';
import { gradeScenario } from '../server/scenarios/grade.js';
import { loadScenarioArg } from '../server/scenarios/loader.js';
import { formatProblem } from '../server/scenarios/problems.js';
import { connectToCluster } from '../server/scenarios/target.js';
import { benchSelected } from './support/select.js';

const BUDGET_MS = 1000;

if (!benchSelected('grade')) process.exit(0);

const { values } = parseArgs({
  options: {
    cluster: { type: 'string', default: process.env.CKS_LAB_BENCH_CLUSTER },
    scenario: { type: 'string', default: process.env.CKS_LAB_BENCH_SCENARIO },
    runs: { type: 'string', default: '10' },
    only: { type: 'string' },
  },
});

if (!values.cluster || !values.scenario) {
  console.log(
    'SKIPPED grade bench: needs a cluster with the scenario set up; set CKS_LAB_BENCH_CLUSTER and ' +
      'CKS_LAB_BENCH_SCENARIO (e.g. `npx cks-lab cluster create b1 && npx cks-lab scenario setup dind-lockdown --cluster b1`)',
  );
  process.exit(0);
}
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`invalid --runs "${values.runs}": use a whole number ≥ 1`);
  process.exit(2);
}

const { scenario, problems } = await loadScenarioArg(values.scenario);
if (!scenario) {
  console.error(problems.map((p) => formatProblem(p)).join('\n'));
  process.exit(1);
}
const logger = createLogger('bench');
logger.level = 'warn';
const target = await connectToCluster(createClusterProvider(), values.cluster, logger);
const checks = scenario.spec.tasks.reduce((n, task) => n + task.checks.length, 0);

// the first grade pays for TLS set-up and API discovery; it is reported but not part of the statistics
const first = await gradeScenario(scenario, target);
const times: number[] = [];
for (let i = 0; i < runs; i += 1) times.push((await gradeScenario(scenario, target)).durationMs);
times.sort((a, b) => a - b);
const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
const median = at(0.5);
console.log(
  `grade ${scenario.id} (${scenario.spec.tasks.length} tasks, ${checks} top-level checks, status ${first.status}) on ${values.cluster}: ` +
    `first ${first.durationMs} ms; ${runs} runs: min ${times[0]} ms, median ${median} ms, p90 ${at(0.9)} ms, max ${times.at(-1)} ms`,
);
if (median >= BUDGET_MS) {
  console.error(`FAIL: median grading time ${median} ms is over the ${BUDGET_MS} ms budget`);
  process.exit(1);
}
console.log(`OK: under the ${BUDGET_MS} ms budget`);
