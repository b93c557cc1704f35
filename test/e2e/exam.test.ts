// Issue 12 acceptance (exam page) on REAL kind clusters in headless Debian Chromium: a learner starts mock exam A
// (three linked clusters), sees the clock and the task navigator, flags a task and writes a note, answers one task
// on cluster 2 through `ssh cks-exam-2` from the terminal, reloads the page and kills the server (-9) and starts it
// again: the clock, the flag and the note are where they were. End exam then shows exactly that task's share of
// the weight, FAIL against 67 %, and the solutions; the history page lists the exam. Screenshots go to
// test-results/e2e/.
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createKindProvider } from '../../server/clusters/kind/index.js';
import type { ExamView } from '../../server/http/contract.js';
import { launchChromium, saveArtifact, screenshot, typeCommand, waitForTerminal } from './browser.js';
import { freePort, startServerProcess, tempDataDir, type ServerProcess } from './server-process.js';
import { e2eTierAvailable, figure } from './support.js';

const EXAM = 'A';
/** The task answered from the terminal, and the cluster it is on (the exam plan places it there). */
const ANSWERED = 'verify-binaries/delete-tampered';
const available = await e2eTierAvailable();
const SETUP_TIMEOUT_MS = 20 * 60_000;
const MINUTES = 45;
/** Three 1-node clusters at once. */
const SERVER_ENV = { CKS_LAB_MAX_LABS: '3' };

/** Seconds left on the page's clock ("44:12 left"). */
async function secondsLeft(page: Page): Promise<number> {
  const text = (await page.locator('[data-testid="exam-clock"]').innerText()).trim();
  const match = /^(?:(\d+):)?(\d\d):(\d\d) left$/.exec(text);
  assert.ok(match, `the clock reads "${text}"`);
  return Number(match[1] ?? 0) * 3600 + Number(match[2]) * 60 + Number(match[3]);
}

describe(
  `mock exam ${EXAM} in the browser on real clusters`,
  { skip: available ? false : 'e2e tier unavailable' },
  () => {
    let server: ServerProcess;
    let browser: Browser;
    let context: BrowserContext;
    let page: Page;
    let dataDir: string;
    let port: number;
    let labId = '';
    let clusters: string[] = [];

    const examView = async (): Promise<ExamView> => {
      const cookies = await context.cookies();
      const cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      const response = await fetch(`${server.origin}/api/exams/${labId}`, { headers: { cookie } });
      assert.equal(response.status, 200);
      return (await response.json()) as ExamView;
    };

    before(async () => {
      dataDir = await tempDataDir();
      port = await freePort();
      server = await startServerProcess({ dataDir, port, env: SERVER_ENV });
      browser = await launchChromium();
      context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      page = await context.newPage();
      page.on('dialog', (dialog) => void dialog.accept());
    });

    after(async () => {
      await browser?.close();
      await server?.stop();
      if (server) await saveArtifact('exam-server.log', server.output());
      // whatever happened above, no cluster of this run may outlive it
      const provider = createKindProvider();
      if (labId) await provider.unlink(`cks-${labId}`).catch(() => undefined);
      await Promise.allSettled(clusters.map((name) => provider.delete(name)));
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    });

    it('starts the exam from the exam list and counts down once every cluster is set up', async () => {
      await page.goto(server.openUrl);
      await page.locator('a[href="/exams"]').click();
      await page.locator(`button[data-exam="${EXAM}"]`).waitFor();
      await page.locator('[data-testid="exam-minutes"]').fill(String(MINUTES));
      await screenshot(page, 'exam-01-list');
      const started = Date.now();
      await page.locator(`button[data-exam="${EXAM}"]`).click();
      await page.waitForURL(/\/exams\/[a-z0-9]{8}$/);
      labId = new URL(page.url()).pathname.split('/').pop() ?? '';
      clusters = [`cks-${labId}`, `cks-${labId}-2`, `cks-${labId}-3`];
      await page.locator('[data-testid="lab-state"]', { hasText: 'setting up' }).waitFor();
      await screenshot(page, 'exam-02-setting-up');
      await page
        .locator('[data-testid="lab-state"]', { hasText: 'ready' })
        .waitFor({ timeout: SETUP_TIMEOUT_MS });
      figure('e2e_exam_ready_seconds', ((Date.now() - started) / 1000).toFixed(1));
      const view = await examView();
      assert.equal(view.clusters, 3);
      assert.equal(view.tasks.length, 20);
      assert.equal(view.result, null);
      assert.equal(view.solutions, null, 'no solutions during the exam');
      const left = await secondsLeft(page);
      assert.ok(
        left <= MINUTES * 60 && left > MINUTES * 60 - 120,
        `the clock starts at ${MINUTES} minutes (${left} s)`,
      );
      // no Check during a real exam
      assert.equal(await page.getByRole('button', { name: 'Check (practice)' }).isVisible(), false);
      await screenshot(page, 'exam-03-ready');
    });

    it('flags a task, keeps a note, and answers one task on cluster 2 over ssh', async () => {
      await page.locator(`button[data-task="${ANSWERED}"]`).click();
      await page.locator('[data-testid="task-host"]', { hasText: 'ssh cks-exam-2' }).waitFor();
      await page.locator('[data-testid="flag-task"]').check();
      await page.locator('[data-testid="exam-notes"]').fill('kubelet and kubectl looked odd');
      await page.locator(`li[data-flagged] button[data-task="${ANSWERED}"]`).waitFor();
      await page.locator('[data-terminal-state="attached"]').waitFor({ timeout: 60_000 });
      await typeCommand(
        page,
        `ssh cks-exam-2 'cd /opt/candidates && for f in $(sha512sum -c SHA512SUMS 2>/dev/null | grep FAILED | cut -d: -f1); do rm -v -- "$f"; done; echo answered-$(ls | wc -l)-files'`,
      );
      await waitForTerminal(page, /\nanswered-\d+-files/, 60_000);
      // saved on the server (a short debounce after typing)
      const deadline = Date.now() + 10_000;
      let view = await examView();
      while (Date.now() < deadline && view.notes === '') {
        await new Promise((resolve) => setTimeout(resolve, 250));
        view = await examView();
      }
      assert.equal(view.notes, 'kubelet and kubectl looked odd');
      assert.deepEqual(view.flagged, [ANSWERED]);
      await screenshot(page, 'exam-04-answered');
    });

    it('keeps the clock, the flag and the note across a reload and a server restart', async () => {
      const before = await secondsLeft(page);
      await page.reload();
      await page.locator('[data-testid="lab-state"]', { hasText: 'ready' }).waitFor();
      const afterReload = await secondsLeft(page);
      assert.ok(
        Math.abs(before - afterReload) <= 5,
        `clock ${before} s before the reload, ${afterReload} s after`,
      );

      await server.kill9();
      server = await startServerProcess({ dataDir, port, env: SERVER_ENV });
      await page.reload();
      await page.locator('[data-testid="lab-state"]', { hasText: 'ready' }).waitFor({ timeout: 120_000 });
      const afterRestart = await secondsLeft(page);
      const view = await examView();
      const expected = Math.round((Date.parse(view.endsAt ?? '') - Date.parse(view.serverNow)) / 1000);
      assert.ok(
        Math.abs(afterRestart - expected) <= 5,
        `clock ${afterRestart} s after the restart, ${expected} s by the server`,
      );
      assert.ok(afterRestart < before, 'the clock kept running');
      assert.equal(
        await page.locator('[data-testid="exam-notes"]').inputValue(),
        'kubelet and kubectl looked odd',
      );
      await page.locator(`li[data-flagged] button[data-task="${ANSWERED}"]`).waitFor();
      await page.locator('[data-terminal-state="attached"]').waitFor({ timeout: 60_000 });
      await screenshot(page, 'exam-05-after-restart');
    });

    it('End exam grades it: exactly the answered task’s share, FAIL, per-task results and the solutions', async () => {
      const tasks = (await examView()).tasks;
      const total = tasks.reduce((sum, t) => sum + t.weight, 0);
      const answered = tasks.find((t) => t.key === ANSWERED);
      assert.ok(answered);
      const expected = Math.round((answered.weight / total) * 1000) / 10;
      const started = Date.now();
      // the page shows the score as soon as the exam is ended; the End request returns once its clusters are gone
      const ended = page.waitForResponse((r) => r.url().endsWith(`/api/exams/${labId}/end`), {
        timeout: 10 * 60_000,
      });
      await page.locator('[data-testid="end-exam"]').click();
      const score = page.locator('[data-testid="exam-score"]');
      await score.waitFor({ timeout: 10 * 60_000 });
      figure('e2e_exam_grade_seconds', ((Date.now() - started) / 1000).toFixed(1));
      assert.equal(await score.getAttribute('data-percent'), String(expected));
      assert.match(await score.innerText(), new RegExp(`^FAIL: ${expected} %`));
      await page.locator(`li.task.pass button[data-task="${ANSWERED}"]`).waitFor();
      assert.equal(await page.locator('li.task.pass').count(), 1, 'only the answered task passes');
      assert.equal(await page.locator('li.task.fail, li.task.error').count(), tasks.length - 1);
      await page.locator('details.solution').first().waitFor();
      await page.locator('[data-testid="lab-state"]', { hasText: 'ended' }).waitFor();
      await screenshot(page, 'exam-06-result');
      // every cluster of the exam is gone
      assert.equal((await ended).status(), 200);
      const left = new Set(await createKindProvider().list());
      assert.deepEqual(
        clusters.filter((name) => left.has(name)),
        [],
      );
    });

    it('lists the exam with its score on the history page', async () => {
      await page.locator('a[href="/history"]').click();
      const row = page.locator(`tr[data-lab="${labId}"]`);
      await row.waitFor();
      assert.match(await row.innerText(), /Mock exam A/);
      await screenshot(page, 'exam-07-history');
    });
  },
);
