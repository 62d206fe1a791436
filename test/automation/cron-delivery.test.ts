import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayClient } from '../../sdk/client/gateway-client.js';
import { BOTS, sentText, startFakes } from '../channels/telegram-harness.js';
import type { FakeModelProvider } from '../fakes/model-provider.js';
import type { FakeTelegramApi } from '../fakes/telegram-bot-api.js';
import { eventually } from '../support/eventually.js';
import { type GatewayProcess, startGateway } from '../support/gateway-process.js';
import { baseConfig, delay, finishedRuns, requestsWith, waitForRuns } from './automation-harness.js';

const OWNER = 4242;
let tg: FakeTelegramApi;
let model: FakeModelProvider;
let gw: GatewayProcess;
let c: GatewayClient;

const sendsTo = (chat: number, text: string) =>
  tg
    .sent(BOTS.main.token)
    .filter((x) => x.method === 'sendMessage' && x.ok && String(x.params.chat_id) === String(chat))
    .filter((x) => sentText(x).includes(text));

beforeAll(async () => {
  ({ tg, model } = await startFakes());
  gw = await startGateway({
    config: baseConfig(model, {
      channels: {
        telegram: { apiRoot: tg.apiRoot, botToken: BOTS.main.token, dmPolicy: 'allowlist', allowFrom: [String(OWNER)] },
      },
    }),
  });
  c = await gw.client();
}, 30_000);
afterAll(async () => {
  c?.close();
  await gw?.stop();
  await tg?.close();
  await model?.close();
});

describe('cron delivery and reloads against the real gateway', () => {
  it('announce delivery reaches the fake Telegram API once: to a named chat and to the last channel', async () => {
    // The user talks first: that chat becomes the main session's "last" channel.
    tg.injectText(BOTS.main.token, { chatId: OWNER, fromId: OWNER, text: 'hello there' });
    await eventually(() => expect(sendsTo(OWNER, 'hello there')).toHaveLength(1), 10_000);

    const at = () => new Date(Date.now() + 500).toISOString();
    const named = await c.request('cron.add', {
      name: 'to a chat',
      schedule: { kind: 'at', at: at() },
      payload: { kind: 'agentTurn', message: 'announce-named' },
      delivery: { mode: 'announce', channel: 'telegram', to: String(OWNER) },
    });
    const last = await c.request('cron.add', {
      name: 'to the last channel',
      schedule: { kind: 'at', at: at() },
      payload: { kind: 'agentTurn', message: 'announce-last' },
      delivery: { mode: 'announce', channel: 'last' },
    });
    await eventually(() => expect(sendsTo(OWNER, 'announce-named')).toHaveLength(1), 10_000);
    await eventually(() => expect(sendsTo(OWNER, 'announce-last')).toHaveLength(1), 10_000);
    const { entries } = await c.request('cron.runs', { scope: 'all' });
    for (const id of [named.id, last.id])
      expect(entries.filter((e: any) => e.jobId === id)).toEqual([
        expect.objectContaining({ status: 'ok', deliveryStatus: 'delivered' }),
      ]);
    await delay(500);
    expect(sendsTo(OWNER, 'announce-named')).toHaveLength(1);
    expect(sendsTo(OWNER, 'announce-last')).toHaveLength(1);
  });

  it('an announce to a channel without `to` goes to the last chat on that channel', async () => {
    const job = await c.request('cron.add', {
      name: 'nowhere',
      schedule: { kind: 'every', everyMs: 3_600_000, anchorMs: Date.now() + 300 },
      payload: { kind: 'agentTurn', message: 'undeliverable' },
      delivery: { mode: 'announce', channel: 'telegram' },
      agentId: 'main',
    });
    const [run] = await waitForRuns(c, job.id, 1);
    expect(run).toMatchObject({ status: 'ok', deliveryStatus: 'delivered' });
    await c.request('cron.remove', { id: job.id });
  });

  it('reloading the cron plugin under due jobs still runs each slot exactly once', async () => {
    const anchorMs = Date.now() + 300;
    const job = await c.request('cron.add', {
      name: 'reloaded',
      schedule: { kind: 'every', everyMs: 1000, anchorMs },
      payload: { kind: 'agentTurn', message: 'reload-slot' },
    });
    const before = (await c.request('plugins.list')).plugins.find((p: any) => p.id === 'cron').generation;
    for (let i = 0; i < 10; i++) {
      await c.request('plugins.reload', { id: 'cron' });
      await delay(250);
    }
    await c.request('cron.update', { id: job.id, patch: { enabled: false } });
    const after = (await c.request('plugins.list')).plugins.find((p: any) => p.id === 'cron').generation;
    expect(after).toBe(before + 10);
    await eventually(async () => expect((await c.request('cron.status', {})).running).toBe(0));
    const runs = await finishedRuns(c, job.id);
    expect(runs.length).toBeGreaterThanOrEqual(2);
    const slots = runs.map((r) => r.runAtMs);
    // Every slot from the first to the last, each once: none lost, none doubled.
    expect(slots).toEqual(slots.map((_, i) => anchorMs + i * 1000));
    expect(runs.every((r) => r.status === 'ok')).toBe(true);
    expect(requestsWith(model, 'reload-slot')).toBe(runs.length);
  });
});
