import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM, REPO_ROOT } from './support.js';

export const SCREENSHOTS = join(REPO_ROOT, 'test-results', 'e2e');

/** Headless Debian Chromium, with the flags that keep it quiet and offline-friendly. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Keeps a text artifact (e.g. a server's log) next to the screenshots. */
export async function saveArtifact(name: string, text: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  await writeFile(join(SCREENSHOTS, name), text);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

/** What xterm shows right now (its DOM renderer's rows), with non-breaking spaces made plain. */
export async function terminalText(page: Page): Promise<string> {
  const text = await page.locator('.xterm-rows').innerText();
  return text.replace(/\u00a0/g, ' ');
}

/** Waits (polling in the page, with a deadline) until the terminal shows the pattern; returns the screen. */
export async function waitForTerminal(page: Page, pattern: RegExp, timeoutMs = 60_000): Promise<string> {
  try {
    await page.waitForFunction(
      ([source, flags]) => {
        const rows = document.querySelector<HTMLElement>('.xterm-rows');
        return new RegExp(source, flags).test((rows?.innerText ?? '').replace(/\u00a0/g, ' '));
      },
      [pattern.source, pattern.flags] as const,
      { timeout: timeoutMs, polling: 100 },
    );
  } catch (error) {
    throw new Error(
      `terminal never showed ${pattern} within ${timeoutMs} ms; it shows:\n${await terminalText(page)}`,
      {
        cause: error,
      },
    );
  }
  return terminalText(page);
}

/** Types a command line into the focused terminal, as a learner would, and presses Enter. */
export async function typeCommand(page: Page, command: string): Promise<void> {
  // keys typed while the socket reconnects are not delivered (as on a dropped ssh session)
  await page.locator('[data-terminal-state="attached"]').waitFor({ timeout: 60_000 });
  await page.locator('.xterm-helper-textarea').focus();
  await page.keyboard.type(command);
  await page.keyboard.press('Enter');
}
