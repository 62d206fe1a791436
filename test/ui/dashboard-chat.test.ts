import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import controlUiPlugin from '../../plugins/control-ui/index.js';
import deliveryPlugin from '../../plugins/delivery/index.js';
import { whatsappPlugin } from '../../plugins/whatsapp/whatsapp-plugin.js';
import { fakeSocketFactory } from '../channels/fake-wa-socket.js';
import { echoAgentPlugin, startInProcessGateway } from '../channels/in-process-gateway.js';
import { agentConfig, BOTS, modelSaw, startFakes } from '../channels/telegram-harness.js';
import type { FakeModelProvider } from '../fakes/model-provider.js';
import type { FakeTelegramApi } from '../fakes/telegram-bot-api.js';
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

const NEWCOMER = 4242;
const STREAMED = 'Everything is in order: one session, no queue, and the channels are quiet today.';

let tg: FakeTelegramApi;
let model: FakeModelProvider;
let gw: GatewayProcess;
let browser: Browser;
let page: Page;
let problems: string[];

beforeAll(async () => {
  ({ tg, model } = await startFakes());
  [gw, browser] = await Promise.all([
    startGateway({
      config: {
        ...agentConfig(model),
        channels: { telegram: { apiRoot: tg.apiRoot, accounts: { pair: { botToken: BOTS.pair.token } } } },
      },
    }),
    launchBrowser(),
  ]);
  ({ page, problems } = await newPage(browser));
  await openSignedIn(page, gw.port, gw.token, 'chat');
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await gw?.stop();
  await tg?.close();
  await model?.close();
});

/** Both sizes of one page, axe-checked at each. */
async function capture(name: string, label: string): Promise<void> {
  for (const size of [DESKTOP, PHONE]) {
    await page.setViewportSize(size);
    await expectAccessible(page, `${label} ${size.width}`);
    await screenshot(page, name);
  }
  await page.setViewportSize(DESKTOP);
}

describe('chat in the dashboard (real gateway, fake model)', () => {
  it('sends a message, streams the reply as it is written, and shows the tool call as a card', async () => {
    await page.getByRole('heading', { level: 1, name: 'Chat' }).waitFor();
    model.script([
      { toolCalls: [{ name: 'sessions_list', arguments: { limit: 5 } }] },
      { text: STREAMED, chunkDelayMs: 120 },
    ]);
    await page.getByRole('textbox', { name: 'Message' }).fill('How is the gateway doing?');
    await page.getByRole('button', { name: 'Send' }).click();
    const log = page.getByRole('log');
    // While the model is still writing, part of the reply is already on screen.
    const partial = log.locator('.msg-streaming .msg-text');
    await partial.waitFor({ timeout: 15_000 });
    const early = (await partial.textContent())!;
    expect(early.length).toBeGreaterThan(0);
    expect(STREAMED.startsWith(early.trim())).toBe(true);
    expect(early.trim().length).toBeLessThan(STREAMED.length);
    // Then the whole reply, and the tool call as a card with its arguments and result.
    await log.getByText(STREAMED).waitFor({ timeout: 15_000 });
    await expect.poll(() => log.locator('.msg-streaming').count()).toBe(0);
    const card = log.getByRole('article', { name: 'Tool sessions_list' });
    await card.waitFor();
    expect(await card.textContent()).toContain('done');
    await card.getByText('Arguments and result').click();
    expect(await card.textContent()).toContain('"limit": 5');
    await card.getByText('Arguments and result').click();
    expect(await log.getByRole('article', { name: 'You said' }).textContent()).toContain('How is the gateway doing?');
    await capture('chat', 'chat');
  });

  it('aborts a slow turn', async () => {
    model.script({ hang: true });
    await page.getByRole('textbox', { name: 'Message' }).fill('Take your time with this one');
    await page.getByRole('button', { name: 'Send' }).click();
    await model.waitForRequest((r) => JSON.stringify(r.body ?? '').includes('Take your time'), 10_000);
    await page.getByRole('button', { name: 'Abort' }).click();
    await page.getByRole('log').getByText('The turn was aborted.').waitFor({ timeout: 10_000 });
    await expect.poll(() => page.getByRole('button', { name: 'Abort' }).count()).toBe(0);
  });

  it('sessions: lists the chat with tokens, changes its model and resets it', async () => {
    await goToPage(page, 'Sessions');
    const row = page.locator('tr[data-session="agent:main:main"]');
    await row.waitFor();
    expect(await row.locator('td[data-label="Messages"]').textContent()).not.toContain('—');
    await capture('sessions', 'sessions');
    await row.getByRole('button', { name: 'Change model of agent:main:main' }).click();
    await row.getByLabel('Model for agent:main:main').fill('fake/test-model');
    await row.getByRole('button', { name: 'Save' }).click();
    await page.getByText('agent:main:main now uses fake/test-model').waitFor();
    await expect.poll(() => row.locator('td[data-label="Model"]').textContent()).toContain('fake/test-model');
    await row.getByRole('button', { name: 'Reset agent:main:main' }).click();
    await row.getByRole('button', { name: 'Confirm reset' }).click();
    await page.getByText('Reset agent:main:main: it starts afresh').waitFor();
    await expect.poll(() => row.locator('td[data-label="Messages"]').textContent()).toContain('0');
  });
});

describe('cron in the dashboard', () => {
  it('adds a job, runs it now and shows the run, then disables it', async () => {
    await goToPage(page, 'Cron');
    await page.getByText('No jobs yet.').waitFor();
    await page.getByRole('button', { name: 'Add a job' }).click();
    const form = page.getByRole('form', { name: 'New cron job' });
    await form.getByLabel('Name').fill('Morning summary');
    await form.getByLabel('Runs in').selectOption('isolated');
    await form.getByLabel('Message').fill('Summarize the night');
    await form.getByRole('button', { name: 'Add job' }).click();
    await page.getByText('Added job Morning summary').waitFor();
    const row = page.locator('tr[data-job]', { hasText: 'Morning summary' });
    expect(await row.textContent()).toContain('every 1 h');
    await page.getByRole('button', { name: 'Run now: Morning summary' }).click();
    await expect.poll(() => modelSaw(model, 'Summarize the night'), { timeout: 15_000 }).toBe(true);
    const runs = page.getByRole('region', { name: /Recent runs/ });
    await expect.poll(() => runs.textContent(), { timeout: 15_000 }).toContain('Morning summary');
    expect(await runs.textContent()).toContain('ok');
    await page.getByRole('button', { name: 'Disable Morning summary' }).click();
    await expect.poll(() => row.textContent()).toContain('disabled');
    await capture('cron', 'cron');
  });
});

describe('channels in the dashboard (fake Telegram Bot API)', () => {
  it('shows the Telegram account, then a live pairing request; approving it lets the sender in', async () => {
    await goToPage(page, 'Channels');
    const telegram = page.getByRole('region', { name: 'Telegram' });
    await telegram.waitFor();
    await expect.poll(() => telegram.textContent(), { timeout: 10_000 }).toContain('pairing_test_bot');
    tg.injectText(BOTS.pair.token, { chatId: NEWCOMER, fromId: NEWCOMER, text: 'hello, may I?', username: 'newbie' });
    const request = page.locator('li[data-code]');
    await request.waitFor({ timeout: 10_000 });
    expect(await request.textContent()).toContain('newbie');
    await capture('channels', 'channels');
    await page.getByRole('button', { name: 'Approve newbie' }).click();
    await page.getByText('Approved newbie: they can talk to the agent now').waitFor();
    const approved = page.getByRole('list', { name: 'Approved senders' });
    await expect.poll(() => approved.textContent()).toContain('newbie');
    expect(await approved.textContent()).toContain('allowed');
    // Allowed for real: the next message reaches the model and is answered.
    tg.injectText(BOTS.pair.token, { chatId: NEWCOMER, fromId: NEWCOMER, text: 'now I am known', username: 'newbie' });
    await expect.poll(() => modelSaw(model, 'now I am known'), { timeout: 15_000 }).toBe(true);
    expect(problems).toEqual([]);
  });
});

describe('WhatsApp linking in the dashboard (real kernel in-process, scripted Baileys socket)', () => {
  it('draws the QR code on a canvas, shows the account linked, and logs it out', async () => {
    const fake = fakeSocketFactory();
    const wa = await startInProcessGateway({
      config: { channels: { whatsapp: { dmPolicy: 'pairing' } } },
      plugins: [
        { def: echoAgentPlugin().def },
        { def: deliveryPlugin },
        { def: whatsappPlugin(fake.factory) },
        { def: controlUiPlugin },
      ],
    });
    const { context, page: p } = await newPage(browser);
    try {
      await openSignedIn(p, wa.port, wa.token, 'channels');
      const card = p.getByRole('region', { name: 'WhatsApp' });
      await card.getByRole('button', { name: 'Link with QR code' }).click();
      const sock = await fake.next(1);
      sock.qr('2@QR-FROM-THE-DASHBOARD-TEST');
      const canvas = card.getByRole('img', { name: 'WhatsApp link QR code' });
      await canvas.waitFor();
      // Drawn for real: a square of dark modules on white, not an empty canvas.
      await expect
        .poll(() =>
          canvas.evaluate((c: HTMLCanvasElement) => {
            const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
            let dark = 0;
            for (let i = 0; i < data.length; i += 4) if (data[i]! < 64) dark++;
            return dark / (c.width * c.height);
          }),
        )
        .toBeGreaterThan(0.25);
      expect(await card.textContent()).toContain('Linked devices');
      await expectAccessible(p, 'whatsapp qr');
      await screenshot(p, 'channels-whatsapp-qr');
      sock.writeCreds();
      sock.open();
      await card.getByText('Linked: account default is ready.').waitFor({ timeout: 10_000 });
      await expect.poll(() => card.locator('tbody').textContent()).toContain('running');
      await card.getByRole('button', { name: 'Log out' }).click();
      await p.getByText('whatsapp account default is logged out').waitFor();
      await expect.poll(() => card.getByRole('button', { name: 'Link with QR code' }).count()).toBe(1);
    } finally {
      await context.close();
      await wa.stop();
    }
  });
});
