import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayClient } from '../../sdk/client/gateway-client.js';
import {
  echoAgentPlugin,
  type InProcessGateway,
  startInProcessGateway,
} from '../../test/channels/in-process-gateway.js';
import { DEFAULT_TEST_TOKEN, type FakeTelegramApi, startFakeTelegramApi } from '../../test/fakes/telegram-bot-api.js';
import telegramPlugin from '../telegram/index.js';
import deliveryPlugin from './index.js';

let tg: FakeTelegramApi;
let gw: InProcessGateway;
let client: GatewayClient;
const agent = echoAgentPlugin();
const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));
const config = (delivery: Record<string, unknown>) => ({
  channels: {
    telegram: { apiRoot: tg.apiRoot, botToken: DEFAULT_TEST_TOKEN, dmPolicy: 'allowlist', allowFrom: ['1'] },
  },
  plugins: { entries: { delivery } },
});
const plugin = async () => (await client.request('plugins.list')).plugins.find((p: any) => p.id === 'delivery');
const answered = (text: string) =>
  tg.sent().filter((c) => c.method === 'sendMessage' && c.ok && String(c.params.text).includes(text));

beforeAll(async () => {
  tg = await startFakeTelegramApi();
  gw = await startInProcessGateway({
    config: config({}),
    plugins: [{ def: agent.def }, { def: deliveryPlugin }, { def: telegramPlugin }],
  });
  client = await gw.client();
}, 20_000);

afterAll(async () => {
  client?.close();
  await gw?.stop();
  await tg?.close();
});

describe('delivery plugin lifecycle', () => {
  it('loads: methods, events and services are there', async () => {
    expect(client.hello.features.methods).toEqual(
      expect.arrayContaining([
        'send',
        'channels.status',
        'channels.login',
        'channels.logout',
        'channels.outbound.retry',
        'pairing.list',
        'pairing.approve',
        'pairing.reject',
      ]),
    );
    expect(client.hello.features.events).toEqual(
      expect.arrayContaining(['channels.login', 'pairing.requested', 'pairing.resolved']),
    );
    const bad = await client.request('send', { to: '1', idempotencyKey: 'empty' }).catch((e) => e);
    expect(bad.error).toMatchObject({ code: 'INVALID_REQUEST', message: expect.stringMatching(/nothing to send/) });
    const unknown = await client
      .request('send', { channel: 'signal', to: '1', message: 'x', idempotencyKey: 'u' })
      .catch((e) => e);
    expect(unknown.error).toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/channels\.signal/) });
  });

  it('reloads with new queue settings and keeps delivering', async () => {
    const before = (await plugin()).generation;
    gw.writeConfig(config({ config: { outbound: { maxAttempts: 3 } } }));
    await expect.poll(async () => (await plugin()).generation, { timeout: 10_000 }).toBeGreaterThan(before);
    await client.request('send', { to: '1', message: 'sent after reload', idempotencyKey: 'reload-1' });
    await tg.waitFor((c) => c.ok && c.params.text === 'sent after reload', 5000);
  });

  it('unloads: methods gone, channels hold inbound messages unconfirmed until the router returns', async () => {
    gw.writeConfig(config({ enabled: false, config: { outbound: { maxAttempts: 3 } } }));
    await expect.poll(async () => (await plugin()).state, { timeout: 10_000 }).toBe('disabled');
    const gone = await client.request('send', { to: '1', message: 'x', idempotencyKey: 'gone' }).catch((e) => e);
    expect(gone.error.code).toBe('NOT_FOUND');
    const pendingBefore = tg.pendingUpdates(DEFAULT_TEST_TOKEN);
    tg.injectText(DEFAULT_TEST_TOKEN, { chatId: 1, fromId: 1, text: 'while the router is away' });
    await delay(800);
    // Not stored anywhere yet, so Telegram must keep it: the offset did not move past it.
    expect(tg.pendingUpdates(DEFAULT_TEST_TOKEN)).toBe(pendingBefore + 1);
    expect(answered('while the router is away')).toHaveLength(0);

    gw.writeConfig(config({ config: { outbound: { maxAttempts: 3 } } }));
    await tg.waitFor((c) => c.ok && String(c.params.text).includes('echo: while the router is away'), 10_000);
    await delay(300);
    expect(answered('while the router is away')).toHaveLength(1);
  });
});
