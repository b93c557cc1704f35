// Issue 13, item 7 on a REAL kind cluster in headless Debian Chromium: `scenario dev` on the scenario docs/authoring.md
// teaches, driven from its lab page in author mode. An edit of the README is re-rendered (edit-to-preview is a
// figure), a lint problem shows with file:line on the page and in the command's output and goes away when fixed, a
// wrong answer run from the page fails Check, and the solution run from the page passes it.
import assert from 'node:assert/strict';
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { createKindProvider } from '../../server/clusters/kind/index.js';
import { writeAuthoringExample } from '../support/authoring-example.js';
import { launchChromium, saveArtifact, screenshot } from './browser.js';
import { freePort, startServerProcess, type ServerProcess } from './server-process.js';
import { e2eTierAvailable, figure } from './support.js';

const available = await e2eTierAvailable();
const PROVISION_TIMEOUT_MS = 15 * 60_000;
const RUN_TIMEOUT_MS = 5 * 60_000;

describe(
  'scenario dev: the author mode of the lab page',
  { skip: available ? false : 'e2e tier unavailable' },
  () => {
    let work: string;
    let folder: string;
    let server: ServerProcess;
    let browser: Browser;
    let page: Page;
    let labId = '';

    before(async () => {
      work = await mkdtemp(join(tmpdir(), 'cks-lab-e2e-dev-'));
      folder = await writeAuthoringExample(join(work, 'catalog'));
      const port = await freePort();
      server = await startServerProcess({
        dataDir: join(work, 'data'),
        port,
        args: [
          'scenario',
          'dev',
          folder,
          '--port',
          String(port),
          '--data-dir',
          join(work, 'data'),
          '--no-spare',
        ],
      });
      browser = await launchChromium();
      page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    });

    after(async () => {
      await browser?.close();
      await server?.stop();
      if (server) await saveArtifact('scenario-dev.log', server.output());
      if (labId) await createKindProvider().delete(`cks-${labId}`);
      if (work) await rm(work, { recursive: true, force: true });
    });

    it('opens the printed link on the lab page in author mode and the lab gets ready', async () => {
      assert.match(server.openUrl, /^http:\/\/localhost:\d+\/labs\/[a-z0-9]{8}\?token=[\w-]{20,}$/);
      labId = new URL(server.openUrl).pathname.split('/').pop() ?? '';
      await page.goto(server.openUrl);
      await page.locator('[data-testid="author-tools"]').waitFor();
      await page.locator('[data-testid="author-problems"]', { hasText: 'lint: passes' }).waitFor();
      assert.deepEqual(await page.locator('[data-testid="author-tools"] option').allTextContents(), [
        'warn-only',
        'enforce-baseline',
      ]);
      await page
        .locator('[data-testid="lab-state"]', { hasText: 'ready' })
        .waitFor({ timeout: PROVISION_TIMEOUT_MS });
      await screenshot(page, 'dev-01-ready');
    });

    it('re-renders the instructions after a save', async () => {
      const marker = `Edited-${Date.now()}`;
      const saved = Date.now();
      await appendFile(join(folder, 'README.md'), `\nA line the author just wrote: ${marker}.\n`);
      await page.locator('[data-testid="instructions"]', { hasText: marker }).waitFor({ timeout: 15_000 });
      figure('dev_edit_to_preview_ms', Date.now() - saved);
    });

    it('shows a lint problem with file:line on the page and in the output, and drops it once fixed', async () => {
      const file = join(folder, 'scenario.yaml');
      const good = await readFile(file, 'utf8');
      await writeFile(file, good.replace('difficulty: easy', 'difficulty: trivial'));
      try {
        const problem = page.locator('[data-testid="author-problems"] li', { hasText: /scenario\.yaml:\d+/ });
        await problem.waitFor({ timeout: 15_000 });
        assert.match(await problem.innerText(), /difficulty/);
        // the command prints it too (it looks at the folder on its own clock)
        const printed = /lint: 1 problem\(s\)\n\s+\S*scenario\.yaml:\d+:\d+ difficulty/;
        const deadline = Date.now() + 15_000;
        while (!printed.test(server.output())) {
          assert.ok(Date.now() < deadline, `the command did not print the problem:\n${server.output()}`);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      } finally {
        await writeFile(file, good);
      }
      await page
        .locator('[data-testid="author-problems"]', { hasText: 'lint: passes' })
        .waitFor({ timeout: 15_000 });
    });

    it('runs a wrong answer from the page, and Check says it fails', async () => {
      await page.locator('[data-testid="author-tools"] select').selectOption('warn-only');
      await page.locator('[data-testid="author-wrong"]').click();
      await page
        .locator('[data-testid="author-status"]', { hasText: 'wrong answer warn-only: done' })
        .waitFor({ timeout: RUN_TIMEOUT_MS });
      await page.locator('button', { hasText: 'Check' }).click();
      await page.locator('.score.fail').waitFor({ timeout: 120_000 });
    });

    it('runs the solution from the page, and Check passes', async () => {
      await page.locator('[data-testid="author-solution"]').click();
      await page
        .locator('[data-testid="author-status"]', { hasText: 'solution: done' })
        .waitFor({ timeout: RUN_TIMEOUT_MS });
      await page.locator('button', { hasText: 'Check' }).click();
      await page.locator('.score.pass').waitFor({ timeout: 120_000 });
      await screenshot(page, 'dev-02-solution-passes');
    });

    it('ends the lab and deletes its cluster', async () => {
      const ended = page.waitForResponse((r) => r.url().endsWith(`/api/labs/${labId}/end`), {
        timeout: 180_000,
      });
      page.once('dialog', (dialog) => void dialog.accept());
      await page.locator('button', { hasText: 'End' }).click();
      assert.equal((await ended).status(), 200);
      const clusters = await createKindProvider().list();
      assert.ok(!clusters.includes(`cks-${labId}`), 'the cluster is gone');
    });
  },
);
