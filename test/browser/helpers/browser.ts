import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';

/** Debian's Chromium; playwright-core downloads no browser of its own. */
const CHROMIUM = '/usr/bin/chromium';

/**
 * Flags for Chromium as root on a machine without outside network: no sandbox, no GPU, and
 * none of the background connections that would fail and slow every start.
 */
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Screenshots of browser tests go here, one folder per test file; git ignores test-output/. */
export const SCREENSHOT_ROOT = path.resolve(__dirname, '../../../test-output/browser');

/** A Chromium window on its own fresh profile, with numbered screenshots. */
export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /** Errors thrown by the page's scripts; a test asserts there are none. */
  pageErrors: string[];
  /** Saves a full-page screenshot as `NN-name.png` and returns its path. */
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

/** Starts Chromium with a fresh --user-data-dir, with `baseUrl` as the base of page.goto. */
export async function openBrowser(baseUrl: string, folder: string): Promise<BrowserSession> {
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'roster-chromium-'));
  const screenshots = path.join(SCREENSHOT_ROOT, folder);
  rmSync(screenshots, { recursive: true, force: true });
  mkdirSync(screenshots, { recursive: true });

  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    baseURL: baseUrl,
    acceptDownloads: true,
    viewport: { width: 1280, height: 900 },
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  context.setDefaultTimeout(10_000);
  const page = context.pages()[0] ?? (await context.newPage());

  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));

  let count = 0;

  return {
    context,
    page,
    pageErrors,
    screenshot: async (name) => {
      count += 1;
      const file = path.join(screenshots, `${String(count).padStart(2, '0')}-${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Waits until the locator's text contains `text`, then returns the whole text. */
export async function textOf(locator: Locator, text?: string): Promise<string> {
  await locator.first().waitFor();
  if (text === undefined) {
    return (await locator.first().textContent()) ?? '';
  }

  const deadline = Date.now() + 10_000;
  let current = '';
  while (Date.now() < deadline) {
    current = (await locator.first().textContent()) ?? '';
    if (current.includes(text)) {
      return current;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  return current;
}

/** Returns the error message shown under the form field labelled `label`. */
export async function fieldErrorOf(page: Page, label: string): Promise<string> {
  const input = page.getByLabel(label, { exact: true });
  await input.and(page.locator('[aria-invalid="true"]')).waitFor();
  const describedBy = (await input.getAttribute('aria-describedby')) ?? '';
  const errorId = describedBy.split(' ').find((id) => id.endsWith('-error'));
  if (!errorId) {
    return '';
  }

  return (await page.locator(`[id="${errorId}"]`).textContent()) ?? '';
}
