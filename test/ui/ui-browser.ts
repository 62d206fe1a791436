import fs from 'node:fs';
import path from 'node:path';
import axe from 'axe-core';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { REPO_ROOT } from '../support/gateway-process.js';

/** Debian's Chromium (`.ci/run` installs it when missing); never a downloaded browser. */
export const CHROMIUM = process.env.MOLTBOT_CHROMIUM ?? '/usr/bin/chromium';

/** Where the tests leave their screenshots (docs/images/ copies the good ones). */
export const SHOT_DIR = path.join(REPO_ROOT, '.tmp/ui');

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

/**
 * One headless Chromium per test file. Playwright starts it on a fresh, empty temporary
 * profile (user-data dir) that it deletes on close; each `newContext()` adds its own empty
 * storage, so a test that must start signed out takes a new context.
 */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export async function newPage(
  browser: Browser,
  viewport = DESKTOP,
): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport, colorScheme: 'light', reducedMotion: 'reduce' });
  const page = await context.newPage();
  // Anything the page logs as an error, and every CSP refusal, fails the test that checks it.
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (err) => problems.push(String(err)));
  return { context, page, problems };
}

/** Open the dashboard the way `moltbot dashboard` does and wait until it says Connected. */
export async function openSignedIn(page: Page, port: number, token: string, pagePath = ''): Promise<void> {
  await page.goto(`http://127.0.0.1:${port}/${pagePath}#token=${encodeURIComponent(token)}`);
  await waitForConnected(page);
}

/** Wait for the status to read Connected (usable in hooks, where expect.poll is not). */
export async function waitForConnected(page: Page, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: string | null = null;
  while (Date.now() < deadline) {
    last = await statusText(page);
    if (last === 'Connected') return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the dashboard did not say Connected within ${timeoutMs} ms (status: ${last})`);
}

export async function statusText(page: Page): Promise<string | null> {
  const status = page.getByRole('status');
  return (await status.count()) ? status.first().textContent() : null;
}

/** Navigate with the sidebar (or the phone's menu) like a user, and wait for the page heading. */
export async function goToPage(page: Page, name: string): Promise<void> {
  const toggle = page.getByRole('button', { name: 'Menu' });
  if (await toggle.isVisible()) {
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  }
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();
  await page.getByRole('heading', { level: 1, name, exact: true }).waitFor();
}

/** Run axe-core in the page; serious and critical violations fail the test, with what and where. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  await page.evaluate(axe.source);
  const results = await page.evaluate(async () => {
    const r = await (window as any).axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v: any) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n: any) => n.target.join(' ')),
    }));
  });
  const bad = results.filter((v: { impact: string }) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad, `axe on ${label}`).toEqual([]);
}

/** A screenshot (full page unless told) in .tmp/ui/<name>-<width>x<height>.png. */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  fs.mkdirSync(SHOT_DIR, { recursive: true });
  const size = page.viewportSize()!;
  const file = path.join(SHOT_DIR, `${name}-${size.width}x${size.height}.png`);
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: file, fullPage: options.fullPage ?? true, animations: 'disabled' });
  return file;
}

/** The element that has focus, looking inside shadow roots. */
export async function focusedElement(page: Page): Promise<{ tag: string; text: string; outline: string } | null> {
  return page.evaluate(() => {
    let el = document.activeElement as HTMLElement | null;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement as HTMLElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    return {
      tag: el.tagName.toLowerCase(),
      text: (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 60),
      outline: `${style.outlineStyle} ${style.outlineWidth}`,
    };
  });
}
