import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayClient } from '../../sdk/client/gateway-client.js';
import {
  echoAgentPlugin,
  type InProcessGateway,
  startInProcessGateway,
} from '../../test/channels/in-process-gateway.js';
import { DEFAULT_TEST_TOKEN, type FakeTelegramApi, startFakeTelegramApi } from '../../test/fakes/telegram-bot-api.js';
import deliveryPlugin from '../delivery/index.js';
import telegramPlugin from './index.js';

let tg: FakeTelegramApi;
let gw: InProcessGateway;
let client: GatewayClient;
const agent = echoAgentPlugin();
const config = (telegram?: Record<string, unknown>) => ({ ...(telegram ? { channels: { telegram } } : {}) });
const base = () => ({
  apiRoot: tg.apiRoot,
  botToken: DEFAULT_TEST_TOKEN,
  dmPolicy: 'allowlist',
  allowFrom: ['1'],
  pollTimeoutSeconds: 5,
});
const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));
const generation = async () => (await client.request('plugins.list')).plugins.find((p: any) => p.id === 'telegram');
const replies = (text: string) =>
  tg.sent().filter((c) => c.method === 'sendMessage' && c.ok && String(c.params.text).includes(text));

beforeAll(async () => {
  tg = await startFakeTelegramApi();
  gw = await startInProcessGateway({
    config: config(base()),
    plugins: [
      { def: agent.def },
      { def: deliveryPlugin },
      {
        def: telegramPlugin,
        enabled: (root) => Boolean((root.channels as any)?.telegram),
      },
    ],
  });
  client = await gw.client();
}, 20_000);

afterAll(async () => {
  client?.close();
  await gw?.stop();
  await tg?.close();
});

describe('telegram plugin lifecycle', () => {
  it('loads: registers the channel and polls', async () => {
    await expect
      .poll(async () => (await client.request('health')).channels.telegram?.accounts[0]?.state, { timeout: 5000 })
      .toBe('running');
    tg.injectText(DEFAULT_TEST_TOKEN, { chatId: 1, fromId: 1, text: 'first load' });
    await tg.waitFor((c) => c.ok && String(c.params.text).includes('echo: first load'), 5000);
  });

  it('reloads on a config edit with one poller afterwards (no 409 fight, one answer)', async () => {
    const before = (await generation()).generation;
    gw.writeConfig(config({ ...base(), textChunkLimit: 3000 }));
    await expect.poll(async () => (await generation()).generation, { timeout: 10_000 }).toBeGreaterThan(before);
    await expect
      .poll(async () => (await client.request('channels.status')).channels.telegram.capabilities.textLimit, {
        timeout: 5000,
      })
      .toBe(3000);
    tg.injectText(DEFAULT_TEST_TOKEN, { chatId: 1, fromId: 1, text: 'after reload' });
    await tg.waitFor((c) => c.ok && String(c.params.text).includes('echo: after reload'), 5000);
    await delay(300);
    expect(replies('echo: after reload')).toHaveLength(1);
    const account = (await client.request('channels.status')).channels.telegram.accounts[0];
    expect(account).toMatchObject({ state: 'running' });
    expect(account.lastError).toBeUndefined();
  });

  it('backs off on 409 from a competing poller and recovers when it leaves', async () => {
    const competitor = async (ms: number) => {
      const end = Date.now() + ms;
      while (Date.now() < end)
        await fetch(`${tg.apiRoot}/bot${DEFAULT_TEST_TOKEN}/getUpdates?timeout=1`).then((r) => r.text());
    };
    const seen: string[] = [];
    const watch = (async () => {
      for (let i = 0; i < 40; i++) {
        const a = (await client.request('channels.status')).channels.telegram.accounts[0];
        if (a.lastError) seen.push(a.lastError);
        await delay(75);
      }
    })();
    await competitor(2500);
    await watch;
    expect(seen.some((e) => /conflict \(409\)/.test(e))).toBe(true);
    await expect
      .poll(async () => (await client.request('channels.status')).channels.telegram.accounts[0].state, {
        timeout: 10_000,
      })
      .toBe('running');
    tg.injectText(DEFAULT_TEST_TOKEN, { chatId: 1, fromId: 1, text: 'after the conflict' });
    await tg.waitFor((c) => c.ok && String(c.params.text).includes('echo: after the conflict'), 10_000);
  });

  it('unloads: the poller stops, nothing consumes updates, the channel is gone', async () => {
    gw.writeConfig(config());
    await expect
      .poll(async () => Object.keys((await client.request('health')).channels), { timeout: 10_000 })
      .not.toContain('telegram');
    expect((await generation()).state).toBe('disabled');
    tg.injectText(DEFAULT_TEST_TOKEN, { chatId: 1, fromId: 1, text: 'nobody listens' });
    await delay(700);
    expect(tg.pendingUpdates(DEFAULT_TEST_TOKEN)).toBe(1);
    expect(replies('nobody listens')).toHaveLength(0);
  });
});
