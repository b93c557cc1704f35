// Issue 13, item 5 and its acceptance: our Killercoda-format fixtures imported and run on real kind clusters by
// `scenario import --check` (the `scenario test` harness: setup → every verify fails → the marked solution → every
// verify passes). Three fixtures must pass (both index.json forms; one and two nodes; assets; awaited background
// scripts; nginx, httpd and curl run by their offline stand-ins); broken-verify (a verify that does not parse, a step
// without verify, no marked solution) must be reported as failing, never as passing.
// needs-internet (apt-get, a download, a pull) must be reported as failing offline, with the lines that need the
// internet in its report. Five clusters, two at a time.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import {
  checkImports,
  checkSummaryLine,
  importKillercoda,
  type ImportReport,
} from '../../server/import/index.js';
import { createLogger } from '../../server/log.js';
import { clusterTier, figure } from './support.js';

const tier = await clusterTier();
const FIXTURES = fileURLToPath(new URL('../fixtures/killercoda/', import.meta.url));
const GOOD = ['current-form', 'katacoda-form', 'two-nodes'];
const BROKEN = 'broken-verify';
/** Its setup installs packages and downloads from the internet: offline that fails, and the check must say so. */
const OFFLINE = 'needs-internet';

test(
  'scenario import --check: fixtures proven on fresh clusters, a broken one reported as failing',
  { skip: !tier },
  async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cks-import-check-'));
    try {
      const imported: ImportReport[] = [];
      for (const fixture of [...GOOD, BROKEN, OFFLINE]) {
        const result = await importKillercoda(join(FIXTURES, fixture), join(dir, fixture), dir, {
          force: false,
        });
        assert.deepEqual(result.refused, []);
        const [report] = result.reports;
        assert.ok(report, `${fixture}: no import report`);
        assert.deepEqual(report.lint, [], `${fixture} must lint`);
        imported.push(report);
      }
      const logger = createLogger('import-check');
      logger.level = 'warn';
      const started = Date.now();
      const checked = await checkImports(imported, {
        provider: tier!.provider,
        logger,
        image: tier!.image,
        parallel: 2,
        createTimeoutMs: 15 * 60_000,
      });
      figure('import_check_wall_seconds', ((Date.now() - started) / 1000).toFixed(1));

      const sections = new Map<string, string>();
      for (const report of checked) {
        const id = report.imported.id;
        const check = report.check!;
        const md = await readFile(join(report.out, 'IMPORT.md'), 'utf8');
        const section = md.slice(
          md.indexOf('## Check on a real cluster'),
          md.indexOf('## Needs the internet'),
        );
        sections.set(id, section);
        process.stdout.write(`check ${id}: ${checkSummaryLine(check)}\n${section}\n`);
        figure(`import_${id}_seconds`, (report.durationMs / 1000).toFixed(2));
        figure(`import_check_${id}_seconds`, (check.checkMs / 1000).toFixed(1));
        if (check.setup)
          figure(`import_check_${id}_setup_seconds`, (check.setup.durationMs / 1000).toFixed(1));
      }

      for (const report of checked.filter((r) => GOOD.includes(r.imported.id))) {
        const id = report.imported.id;
        const check = report.check!;
        const why = `${id}: ${checkSummaryLine(check)}\n${sections.get(id)}`;
        assert.equal(check.setup?.ok, true, why);
        assert.ok(check.before?.steps.length, why);
        assert.deepEqual(
          check.before.steps.map((s) => s.status),
          check.before.steps.map(() => 'fail'),
          `unsolved: every verify must fail\n${why}`,
        );
        assert.equal(check.solution?.ok, true, why);
        assert.deepEqual(
          check.after?.steps.map((s) => s.status),
          check.before.steps.map(() => 'pass'),
          `solved: every verify must pass\n${why}`,
        );
        assert.equal(check.ok, true, why);
        assert.match(sections.get(id) ?? '', /\*\*Result: passed\*\*/);
      }

      const broken = checked.find((r) => r.imported.id === BROKEN)!.check!;
      const why = `${BROKEN}: ${checkSummaryLine(broken)}\n${sections.get(BROKEN)}`;
      assert.equal(broken.ok, false, `a scenario with a broken verify must not pass\n${why}`);
      assert.equal(broken.setup?.ok, true, why);
      assert.deepEqual(
        broken.before?.steps.map((s) => s.status),
        ['fail', 'fail'],
        why,
      );
      assert.match(broken.before.steps[0]?.message ?? '', /syntax error|unexpected end of file/, why);
      assert.equal(broken.solution?.ok, false, why);
      assert.match(broken.solution?.error ?? '', /marks no solution commands/, why);
      assert.equal(broken.after, undefined, why);
      assert.match(sections.get(BROKEN) ?? '', /\*\*Result: FAILED\*\*: the solution failed/);

      // the lab has no internet: its verify never passes, nothing marks it passing, and the report names the lines
      const offline = checked.find((r) => r.imported.id === OFFLINE)!;
      const offlineWhy = `${OFFLINE}: ${checkSummaryLine(offline.check!)}\n${sections.get(OFFLINE)}`;
      assert.equal(offline.check!.ok, false, offlineWhy);
      assert.ok(
        offline.check!.after === undefined || offline.check!.after.steps.every((s) => s.status !== 'pass'),
        offlineWhy,
      );
      const offlineMd = await readFile(join(offline.out, 'IMPORT.md'), 'utf8');
      assert.match(offlineMd, /- Offline: no, 4 line\(s\) need the internet/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
);
