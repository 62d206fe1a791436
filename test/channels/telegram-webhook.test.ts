import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayClient } from '../../sdk/client/gateway-client.js';
import type { FakeModelProvider } from '../fakes/model-provider.js';
import type { FakeTelegramApi } from '../fakes/telegram-bot-api.js';
import { type GatewayProcess, startGateway } from '../support/gateway-process.js';
import { agentConfig, BOTS, sentText, startFakes } from './telegram-harness.js';

const SECRET = 'webhook-secret_0123456789';
let tg: FakeTelegramApi;
let model: FakeModelProvider;
let gw: GatewayProcess;
let client: GatewayClient;

beforeAll(async () => {
  ({ tg, model } = await startFakes());
  gw = await startGateway({
    config: {
      ...agentConfig(model),
      channels: {
        telegram: {
          apiRoot: tg.apiRoot,
          dmPolicy: 'allowlist',
          allowFrom: ['777'],
          accounts: {
            hook: { botToken: BOTS.main.token, webhookUrl: 'https://bot.example.com/tg/hook', webhookSecret: SECRET },
            nosecret: { botToken: BOTS.pair.token, webhookUrl: 'https://bot.example.com/tg/other' },
          },
        },
      },
    },
  });
  client = await gw.client();
}, 30_000);

afterAll(async () => {
  client?.close();
  await gw?.stop();
  await tg?.close();
  await model?.close();
});

const post = (body: unknown, secret?: string) =>
  fetch(`http://127.0.0.1:${gw.port}/tg/hook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}) },
    body: JSON.stringify(body),
  });

const update = (id: number, text: string) => ({
  update_id: id,
  message: {
    message_id: id,
    date: Math.floor(Date.now() / 1000),
    chat: { id: 777, type: 'private', first_name: 'Web' },
    from: { id: 777, is_bot: false, first_name: 'Web' },
    text,
  },
});

describe('telegram webhook mode', () => {
  it('registers the webhook with its secret and serves updates that carry it', async () => {
    const set = await tg.waitFor((c) => c.method === 'setWebhook' && c.token === BOTS.main.token, 10_000);
    expect(set.params.url).toBe('https://bot.example.com/tg/hook');
    expect(set.params.secret_token).toBe(SECRET);
    const res = await post(update(1001, 'via webhook'), SECRET);
    expect(res.status).toBe(200);
    const reply = await tg.waitFor(
      (c) => c.method === 'sendMessage' && c.ok && sentText(c).includes('echo: via webhook'),
      15_000,
    );
    expect(String(reply.params.chat_id)).toBe('777');
    // A redelivered update (Telegram retries on timeouts) is not answered twice.
    expect((await post(update(1001, 'via webhook'), SECRET)).status).toBe(200);
  });

  it('refuses requests without the right X-Telegram-Bot-Api-Secret-Token', async () => {
    const none = await post(update(1002, 'forged'), undefined);
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({
      ok: false,
      error: { code: 'GW_ERR_TELEGRAM_WEBHOOK_SECRET', message: expect.stringContaining('webhookSecret') },
    });
    expect((await post(update(1003, 'forged'), 'wrong-secret')).status).toBe(401);
    // The kernel's own refusals on the webhook route read the same way.
    const notUpdate = await fetch(`http://127.0.0.1:${gw.port}/tg/hook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
      body: '{"not json',
    });
    expect(notUpdate.status).toBe(400);
    expect(await notUpdate.json()).toMatchObject({ ok: false, error: { code: 'GW_ERR_HTTP_BODY_INVALID' } });
    expect(model.requests.some((r) => JSON.stringify(r.body ?? '').includes('forged'))).toBe(false);
  });

  it('refuses to start webhook mode without a secret and says how to fix it', async () => {
    const status = await client.request('channels.status');
    const account = status.channels.telegram.accounts.find((a: any) => a.accountId === 'nosecret');
    expect(account.state).toBe('config-error');
    expect(account.lastError).toMatch(/webhookSecret is missing/);
    expect(account.hint).toMatch(/webhookSecret/);
    expect(tg.sent(BOTS.pair.token).some((c) => c.method === 'setWebhook')).toBe(false);
    expect(tg.sent(BOTS.main.token).filter((c) => c.ok && sentText(c).includes('echo: via webhook'))).toHaveLength(1);
  });
});
