import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeModelProvider } from '../fakes/model-provider.js';
import type { FakeTelegramApi } from '../fakes/telegram-bot-api.js';
import { type GatewayProcess, startGateway } from '../support/gateway-process.js';
import { agentConfig, BOTS, delay, sentText, startFakes } from './telegram-harness.js';

const OWNER = 555;
let tg: FakeTelegramApi;
let model: FakeModelProvider;
let home: string;
let gw: GatewayProcess | undefined;

const okSends = (text: string) =>
  tg.sent(BOTS.kill.token).filter((c) => c.method === 'sendMessage' && c.ok && sentText(c).includes(text));

beforeAll(async () => {
  ({ tg, model } = await startFakes());
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'moltbot-durable-'));
}, 20_000);

afterAll(async () => {
  await gw?.stop();
  await tg?.close();
  await model?.close();
});

async function restart(config?: Record<string, unknown>): Promise<GatewayProcess> {
  gw = await startGateway({ home, ...(config ? { config } : {}) });
  return gw;
}

async function kill9(): Promise<void> {
  gw!.signal('SIGKILL');
  const exit = await gw!.waitExit();
  expect(exit.signal).toBe('SIGKILL');
  gw = undefined;
}

describe('telegram durability across kill -9 (real gateway restarts on the same state dir)', () => {
  it('delivers an acknowledged `send` exactly once after a kill -9 before delivery', async () => {
    await restart({
      ...agentConfig(model),
      channels: {
        telegram: { apiRoot: tg.apiRoot, botToken: BOTS.kill.token, dmPolicy: 'allowlist', allowFrom: [String(OWNER)] },
      },
      // A long first backoff: the retry cannot happen before the kill.
      plugins: { entries: { delivery: { config: { outbound: { baseBackoffMs: 4000, maxBackoffMs: 4000 } } } } },
    });
    tg.failNext('sendMessage', 1, { status: 500, description: 'Internal Server Error' });
    const client = await gw!.client();
    const params = {
      channel: 'telegram',
      to: String(OWNER),
      message: 'survives kill -9',
      idempotencyKey: 'kill-9-send',
    };
    const ack = await client.request('send', params);
    expect(ack.messageId).toEqual(expect.any(String));
    await tg.waitFor((c) => c.method === 'sendMessage' && !c.ok && sentText(c) === 'survives kill -9', 5000);
    client.close();
    await kill9();
    expect(okSends('survives kill -9')).toHaveLength(0);

    await restart();
    await tg.waitFor((c) => c.method === 'sendMessage' && c.ok && sentText(c) === 'survives kill -9', 15_000);
    // The store's dedupe outlives the process: the retried key returns the first message.
    const again = await gw!.client();
    expect((await again.request('send', params)).messageId).toBe(ack.messageId);
    again.close();
    await delay(1000);
    expect(okSends('survives kill -9')).toHaveLength(1);
  });

  it('replays an inbound message once when the gateway dies mid-turn', async () => {
    model.script({ hang: true });
    tg.injectText(BOTS.kill.token, { chatId: OWNER, fromId: OWNER, text: 'crash during my turn' });
    await model.waitForRequest((r) => JSON.stringify(r.body ?? '').includes('crash during my turn'), 15_000);
    await kill9();
    expect(okSends('crash during my turn')).toHaveLength(0);

    await restart();
    await tg.waitFor(
      (c) => c.method === 'sendMessage' && c.ok && sentText(c).includes('echo: crash during my turn'),
      20_000,
    );
    await delay(1500);
    expect(okSends('crash during my turn')).toHaveLength(1);
  });
});
