import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type NodeProcess, startNodeRunner } from '../nodes/node-process.js';
import { type GatewayProcess, startGateway } from '../support/gateway-process.js';
import {
  DESKTOP,
  expectAccessible,
  goToPage,
  launchBrowser,
  newPage,
  openSignedIn,
  PHONE,
  screenshot,
} from './ui-browser.js';

let gw: GatewayProcess;
let browser: Browser;
let node: NodeProcess | undefined;

beforeAll(async () => {
  [gw, browser] = await Promise.all([startGateway(), launchBrowser()]);
}, 60_000);
afterAll(async () => {
  node?.kill('SIGKILL');
  await browser?.close();
  await gw?.stop();
});

describe('dashboard: Nodes page', { timeout: 120_000 }, () => {
  it('shows a node waiting for approval; Approve pairs it, and it is listed connected', async () => {
    const { context, page } = await newPage(browser, DESKTOP);
    await openSignedIn(page, gw.port, gw.token);
    await goToPage(page, 'Nodes');
    node = startNodeRunner(['--url', gw.url, '--name', 'ui-box']);
    const row = page.locator('tr[data-request]', { hasText: 'ui-box' });
    await row.waitFor({ timeout: 30_000 });
    expect(await row.textContent()).toContain('node');
    await expectAccessible(page, 'nodes (pending)');
    await screenshot(page, 'nodes-pending');
    await page.getByRole('button', { name: 'Approve ui-box' }).click();
    await node.waitFor(/connected to ws:\/\/127\.0\.0\.1:\d+ as node/);
    const listed = page.locator('tr[data-node]', { hasText: 'ui-box' });
    await listed.getByText('connected').waitFor({ timeout: 15_000 });
    expect(await page.locator('tr[data-request]').count()).toBe(0);
    expect(await listed.textContent()).toContain('system.info');
    await screenshot(page, 'nodes-connected');

    // On a phone: the node table becomes one card per node, nothing wider than the screen.
    await page.setViewportSize(PHONE);
    await listed.getByText('connected').waitFor();
    expect(await listed.isVisible()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    const card = await listed.boundingBox();
    expect(card!.x).toBeGreaterThanOrEqual(0);
    expect(card!.x + card!.width).toBeLessThanOrEqual(PHONE.width);
    await expectAccessible(page, 'nodes (phone)');
    await screenshot(page, 'nodes-connected');
    await context.close();
  });
});
