// Shared pieces of the browser journeys: Debian's chromium driven by playwright-core against the real
// service on loopback. One browser per test file keeps the suite fast; each journey gets a fresh context.
import fs from 'node:fs';
import os from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startHarness, type Harness, type SiteSpec } from '../support/harness.js';

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter(Boolean) as string[];
export const chromiumPath: string | null = CANDIDATES.find((p) => fs.existsSync(p)) ?? null;

// The committed screenshots beside the page's source are rewritten only on purpose (`npm run screenshots`);
// ordinary test runs write theirs to a scratch folder, so `npm test` leaves the work tree clean.
export const SCREENSHOTS = process.env.SCAMSCORE_SCREENSHOTS === '1' ? new URL('../../src/web/screenshots/', import.meta.url).pathname : path.join(os.tmpdir(), 'scamscore-screenshots');

export interface Served {
  harness: Harness;
  base: string;
  browser: Browser;
  close(): Promise<void>;
}

/** The service with its loopback sites, listening on a free port, and one headless chromium. */
export async function serve(sites: Record<string, SiteSpec>, env: Record<string, string> = {}): Promise<Served | null> {
  if (!chromiumPath) return null;
  const harness = await startHarness(sites, env);
  await harness.app.listen({ port: 0, host: '127.0.0.1' });
  const address = harness.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  return {
    harness,
    base: `http://127.0.0.1:${port}`,
    browser,
    async close() {
      await browser.close();
      await harness.close();
    },
  };
}

export interface Watched {
  context: BrowserContext;
  page: Page;
  /** Dialogs (alert/confirm/prompt) the page opened: a payload that ran would show up here. */
  dialogs: string[];
  /** Uncaught page errors and CSP violations reported to the console. */
  errors: string[];
}

/**
 * A fresh context and page. `axe: true` lets Playwright's addScriptTag inject axe-core, which it does as an
 * inline script the page's CSP would (rightly) block; journeys that test the CSP itself leave it enforced.
 */
export async function openPage(served: Served, options: { locale?: string; axe?: boolean } = {}): Promise<Watched> {
  const context = await served.browser.newContext({ locale: options.locale ?? 'ko-KR', viewport: { width: 1100, height: 900 }, bypassCSP: options.axe ?? false });
  const page = await context.newPage();
  // Shorter than the test's own timeout, so a stuck step names its locator.
  page.setDefaultTimeout(10_000);
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return { context, page, dialogs, errors };
}

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core run in the page; returns the serious and critical violations (what must be zero). */
export async function axeSerious(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: AXE });
  // A string, not a function: this file is compiled without the DOM's types.
  const result = (await page.evaluate("axe.run(document, { resultTypes: ['violations'] })")) as { violations: AxeViolation[] };
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
